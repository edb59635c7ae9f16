using Microsoft.CodeAnalysis.Testing;
using F = SecureShop.Analyzers.Tests.Infrastructure.VerifyFix<SecureShop.Analyzers.Crypto.SS2006InsecureRandomAnalyzer, SecureShop.Analyzers.CodeFixes.Crypto.SS2006RandomNumberGeneratorCodeFix>;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2006InsecureRandomAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2006InsecureRandomTests
{
    private const string Usings = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Security.Cryptography;
        using System.Text;
        using System.Threading.Tasks;

        """;

    private static DiagnosticResult Expected(string name, string call, int location = 0) =>
        V.Diagnostic(Descriptors.SS2006InsecureRandom).WithLocation(location).WithArguments(name, "Random." + call);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task GiftCardCodeBuiltWithStringBuilder() => Run("""
        class GiftCards
        {
            private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

            public string GenerateGiftCardCode()
            {
                var random = new Random();
                var sb = new StringBuilder();
                for (int i = 0; i < 16; i++)
                {
                    sb.Append(Alphabet[{|#0:random.Next(Alphabet.Length)|}]);
                }

                return sb.ToString();
            }
        }
        """, Expected("GenerateGiftCardCode", "Next"));

    [Test]
    public Task ResetTokenFromNextBytesOnRandomShared() => Run("""
        class PasswordResets
        {
            public string CreatePasswordResetToken()
            {
                var bytes = new byte[32];
                {|#0:Random.Shared.NextBytes(bytes)|};
                return Convert.ToBase64String(bytes);
            }
        }
        """, Expected("CreatePasswordResetToken", "NextBytes"));

    [Test]
    public Task CouponCodeInterpolatedFromAField() => Run("""
        class Coupons
        {
            private readonly Random _random = new();

            public string Issue()
            {
                var couponCode = $"SAVE-{{|#0:_random.Next(1000, 9999)|}}";
                return couponCode;
            }
        }
        """, Expected("couponCode", "Next"));

    [Test]
    public Task OrderNumberInAnObjectInitializer() => Run("""
        class Order { public int Number { get; set; } public decimal Total { get; set; } }
        class Checkout
        {
            private static readonly Random Rng = new Random();
            public Order Place(decimal total) => new Order { Number = {|#0:Rng.Next(100000, 999999)|}, Total = total };
        }
        """, Expected("Order.Number", "Next"));

    [Test]
    public Task SeededRandomPasswordFilledIntoACharArray() => Run("""
        class Accounts
        {
            private const string Alphabet = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!$%";

            public string Welcome(int seed)
            {
                var rng = new Random(seed);
                var chars = new char[12];
                for (int i = 0; i < chars.Length; i++)
                {
                    chars[i] = Alphabet[{|#0:rng.Next(Alphabet.Length)|}];
                }

                var temporaryPassword = new string(chars);
                return "Your password: " + temporaryPassword;
            }
        }
        """, Expected("temporaryPassword", "Next"));

    [Test]
    public Task VerificationCodePassedToAParameter() => Run("""
        class PhoneVerification
        {
            private readonly Random _random = new Random();
            public void Start(string phone) => SendVerificationSms(phone, {|#0:_random.Next(100000, 1000000)|}.ToString("D6"));
            private void SendVerificationSms(string phone, string code) { }
        }
        """, Expected("code", "Next"));

    [Test]
    public Task VoucherFromLinqSelect() => Run("""
        class Vouchers
        {
            private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ";
            private readonly Random _random = new Random();

            public string NewVoucher() =>
                new string(Enumerable.Range(0, 10).Select(_ => Alphabet[{|#0:_random.Next(Alphabet.Length)|}]).ToArray());
        }
        """, Expected("NewVoucher", "Next"));

    [Test]
    public Task ApiKeyFromGetItems() => Run("""
        class Partners
        {
            private static readonly char[] Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".ToCharArray();
            public string IssueApiKey(Random random) => new string({|#0:random.GetItems(Alphabet, 40)|});
        }
        """, Expected("IssueApiKey", "GetItems"));

    [Test]
    public Task SessionIdAndSaltAndOtp() => Run("""
        class Sessions
        {
            private readonly Random _random = Random.Shared;
            public string SessionId { get; private set; } = "";

            public void Begin()
            {
                SessionId = {|#0:_random.NextInt64()|}.ToString("x16");
                byte[] salt = new byte[16];
                {|#1:_random.NextBytes(salt)|};
                string otp = {|#2:_random.GetHexString(6)|};
            }
        }
        """,
        Expected("Sessions.SessionId", "NextInt64", 0),
        Expected("salt", "NextBytes", 1),
        Expected("otp", "GetHexString", 2));

    [Test]
    public Task CodeStoredInACollection() => Run("""
        class Promotions
        {
            private readonly Random _random = new Random();
            public List<string> PromoCodes { get; } = new();
            public void Generate(int count)
            {
                for (int i = 0; i < count; i++)
                {
                    PromoCodes.Add("PROMO" + {|#0:_random.Next(10000, 99999)|});
                }
            }
        }
        """, Expected("Promotions.PromoCodes", "Next"));

    [Test]
    public Task ReferralCodeProperty() => Run("""
        class Referrals
        {
            private readonly Random _random = new Random();
            public string ReferralCode => "REF" + {|#0:_random.Next(100000)|};
        }
        """, Expected("Referrals.ReferralCode", "Next"));

    [Test]
    public Task BareCodeInALoginCodeSender() => Run("""
        interface ISms { Task SendAsync(string phone, string message); }
        class SignIn
        {
            private readonly ISms _sms;
            public SignIn(ISms sms) => _sms = sms;

            public async Task SendLoginCode(string phone)
            {
                int code = {|#0:Random.Shared.Next(100000, 1000000)|};
                await _sms.SendAsync(phone, $"Your code is {code}");
            }

            public string RenderBadge()
            {
                var code = Random.Shared.Next(100);
                return "badge-" + code;
            }
        }
        """, Expected("code", "Next"));

    // ---- near-miss negatives ----

    [Test]
    public Task ShufflingForDisplay() => Run("""
        record Product(string Name);
        class Catalog
        {
            private readonly Random _random = new Random();
            public List<Product> Featured(List<Product> products) => products.OrderBy(_ => _random.Next()).Take(3).ToList();
            public void ShuffleCards(string[] cards) => _random.Shuffle(cards);
            public void FisherYates(List<Product> items)
            {
                for (int i = items.Count - 1; i > 0; i--)
                {
                    int j = _random.Next(i + 1);
                    (items[i], items[j]) = (items[j], items[i]);
                }
            }
        }
        """);

    [Test]
    public Task SamplingAProductOrAVariant() => Run("""
        record Product(string Name);
        class Home
        {
            private readonly Random _random = new Random();
            public Product Pick(List<Product> products)
            {
                var featured = products[_random.Next(products.Count)];
                return featured;
            }

            public string Variant() => _random.NextDouble() < 0.5 ? "A" : "B";
        }
        """);

    [Test]
    public Task RetryJitter() => Run("""
        class GatewayClient
        {
            public async Task RetryAsync(int attempt)
            {
                var delay = TimeSpan.FromMilliseconds(200 * attempt + Random.Shared.Next(0, 100));
                await Task.Delay(delay);
                await Task.Delay(Random.Shared.Next(50, 250));
            }
        }
        """);

    [Test]
    public Task DescriptiveNamesAreNotSecurityValues() => Run("""
        class Generator
        {
            private static readonly string[] Colors = { "red", "green", "blue" };
            private readonly Random _random = new Random();
            public void Choose()
            {
                int passwordLength = _random.Next(12, 17);
                var color = Colors[_random.Next(Colors.Length)];
                var index = _random.Next(10);
                var sample = _random.NextDouble();
                var couponDiscount = _random.Next(5, 30);
                var productId = _random.Next();
                var pinRetryCount = _random.Next(3, 6);
            }

            public int TokenRefreshDelayMs() => _random.Next(100, 500);
        }
        """);

    [Test]
    public Task CryptographicRandomIsSafe() => Run("""
        class Coupons
        {
            private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
            public string GenerateCouponCode() => RandomNumberGenerator.GetString(Alphabet, 12);
            public string NextOrderNumber() => RandomNumberGenerator.GetInt32(100000, 1000000).ToString();
        }
        """);

    [Test]
    public Task SimulatedDataIsLeftAlone() => Run("""
        class Order { public int Number { get; set; } }
        class DemoDataSeeder
        {
            public IEnumerable<Order> Orders()
            {
                var random = new Random(42);
                for (int i = 0; i < 50; i++)
                {
                    yield return new Order { Number = random.Next(100000, 999999) };
                }
            }
        }
        """);

    [Test]
    public Task TestProjectsAreLeftAlone() => V.AnalyzerAsync(Usings + """
        class CouponTests
        {
            public string MakeCouponCode() => "SAVE" + new Random().Next(1000, 9999);
        }
        """, null, "Shop.Tests");

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class Coupons
        {
            private readonly Random _random = new Random();
            public string CouponCode() => "SAVE" + {|#0:_random.Next(1000, 9999)|};
            public string Broken() => _random.Next(;
        """, Expected("CouponCode", "Next"));

    // ---- code fix ----

    [Test]
    public Task FixRewritesEveryCallAndDropsTheUnusedRandom() => F.FixAsync(Usings + """
        class GiftCards
        {
            private static readonly char[] Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".ToCharArray();
            private readonly Random _random = new Random();

            public string GiftCardNumber() => {|#0:_random.Next(100000, 999999)|}.ToString() + {|#1:_random.Next(1000)|};

            public string ResetToken()
            {
                var random = new Random();
                var bytes = new byte[32];
                {|#2:random.NextBytes(bytes)|};
                return Convert.ToBase64String(bytes) + {|#3:random.Next()|};
            }

            public string CouponCode() => new string({|#4:Random.Shared.GetItems(Alphabet, 12)|});
        }
        """, Usings + """
        class GiftCards
        {
            private static readonly char[] Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789".ToCharArray();

            public string GiftCardNumber() => RandomNumberGenerator.GetInt32(100000, 999999).ToString() + RandomNumberGenerator.GetInt32(1000);

            public string ResetToken()
            {
                var bytes = new byte[32];
                RandomNumberGenerator.Fill(bytes);
                return Convert.ToBase64String(bytes) + RandomNumberGenerator.GetInt32(int.MaxValue);
            }

            public string CouponCode() => new string(RandomNumberGenerator.GetItems<char>(Alphabet, 12));
        }
        """,
        Expected("GiftCardNumber", "Next", 0),
        Expected("GiftCardNumber", "Next", 1),
        Expected("ResetToken", "NextBytes", 2),
        Expected("ResetToken", "Next", 3),
        Expected("CouponCode", "GetItems", 4));

    [Test]
    public Task FixKeepsARandomThatIsStillUsed() => F.FixAsync(Usings + """
        class Checkout
        {
            private readonly Random _random = new Random();
            public string OrderNumber() => {|#0:_random.Next(100000, 999999)|}.ToString();
            public int Jitter() => _random.Next(100);
        }
        """, Usings + """
        class Checkout
        {
            private readonly Random _random = new Random();
            public string OrderNumber() => RandomNumberGenerator.GetInt32(100000, 999999).ToString();
            public int Jitter() => _random.Next(100);
        }
        """, Expected("OrderNumber", "Next"));

    [Test]
    public Task NoFixForNextDoubleOrNextInt64()
    {
        var source = Usings + """
            class Sessions
            {
                private readonly Random _random = new Random();
                public string NewSessionId() => {|#0:_random.NextInt64()|}.ToString("x16");
                public string PinCode() => ((int)({|#1:_random.NextDouble()|} * 10000)).ToString("D4");
            }
            """;
        return F.FixAsync(source, source, Expected("NewSessionId", "NextInt64", 0), Expected("PinCode", "NextDouble", 1));
    }

    // ---- security values by role ----

    [Test]
    public Task ApprovalOneTimeAndNonceValues() => Run("""
        class Approvals
        {
            private readonly Random _random = new Random();
            public void Issue()
            {
                var approvalCode = {|#0:_random.Next(100000, 999999)|}.ToString();
                string oneTimeCode = {|#1:_random.Next(1000, 9999)|}.ToString();
                var nonce = {|#2:_random.NextInt64()|};
            }
        }
        """,
        Expected("approvalCode", "Next", 0),
        Expected("oneTimeCode", "Next", 1),
        Expected("nonce", "NextInt64", 2));

    [Test]
    public Task ApprovalAndOneTimeNamesThatAreNotValues() => Run("""
        class Approvals
        {
            private readonly Random _random = new Random();
            public void Issue()
            {
                var approvalCodeLength = _random.Next(6, 9);
                var oneTimeCodeRetryCount = _random.Next(3);
                var phoneNumber = _random.Next(1000000, 9999999);
                var timeCode = _random.Next(100);
            }
        }
        """);

    [Test]
    public Task ReturnedFromGeneratingMethods() => Run("""
        class Tokens
        {
            private readonly Random _random = new Random();
            public string GenerateToken() => {|#0:_random.NextInt64()|}.ToString("x");
            public string CreateResetCode() => {|#1:_random.Next(100000, 999999)|}.ToString();
            public string NewPassword() => new string(Enumerable.Range(0, 12).Select(_ => (char)('a' + {|#2:_random.Next(26)|})).ToArray());
        }
        """,
        Expected("GenerateToken", "NextInt64", 0),
        Expected("CreateResetCode", "Next", 1),
        Expected("NewPassword", "Next", 2));

    [Test]
    public Task ReturnedFromMethodsThatGenerateOtherThings() => Run("""
        class Tokens
        {
            private readonly Random _random = new Random();
            public string GenerateColor() => _random.Next(0xFFFFFF).ToString("x6");
            public int NewDelay() => _random.Next(100, 500);
            public string CreateProductCode() => "P" + _random.Next(1000, 9999);
            public string GenerateToken() => Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        }
        """);

    [Test]
    public Task BytesThatBecomeAKeyIvOrSalt() => Run("""
        class Crypto
        {
            public byte[] Encrypt(byte[] data, string password)
            {
                var random = new Random();
                var buffer = new byte[32];
                {|#0:random.NextBytes(buffer)|};
                using var aes = Aes.Create();
                aes.Key = buffer;
                var vector = new byte[16];
                {|#1:random.NextBytes(vector)|};
                aes.IV = vector;
                var bytes = new byte[16];
                {|#2:random.NextBytes(bytes)|};
                using var kdf = new Rfc2898DeriveBytes(password, bytes, 600000, HashAlgorithmName.SHA256);
                using var hmac = new HMACSHA256(bytes);
                return aes.EncryptCbc(data, aes.IV);
            }
        }
        """,
        Expected("Aes.Key", "NextBytes", 0),
        Expected("Aes.IV", "NextBytes", 1),
        Expected("new Rfc2898DeriveBytes(salt)", "NextBytes", 2));

    [Test]
    public Task KeyIvAndSaltFromTheCryptographicGenerator() => Run("""
        class Crypto
        {
            public byte[] Encrypt(byte[] data, string password)
            {
                using var aes = Aes.Create();
                aes.Key = RandomNumberGenerator.GetBytes(32);
                aes.GenerateIV();
                var bytes = new byte[16];
                RandomNumberGenerator.Fill(bytes);
                using var kdf = new Rfc2898DeriveBytes(password, bytes, 600000, HashAlgorithmName.SHA256);
                var noise = new byte[16];
                new Random().NextBytes(noise);
                return aes.EncryptCbc(data, aes.IV);
            }
        }
        """);

    [Test]
    public Task FixedSeedForASecurityValueButNotForAShuffle() => Run("""
        class Codes
        {
            private static readonly Random Seeded = new Random(1234);
            public string ConfirmationCode() => {|#0:Seeded.Next(100000, 999999)|}.ToString();
            public void Shuffle(string[] banners) => Seeded.Shuffle(banners);
        }
        """, Expected("ConfirmationCode", "Next", 0));
}
