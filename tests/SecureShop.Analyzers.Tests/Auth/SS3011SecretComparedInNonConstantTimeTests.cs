using Microsoft.CodeAnalysis.Testing;
using F = SecureShop.Analyzers.Tests.Infrastructure.VerifyFix<SecureShop.Analyzers.Auth.SS3011SecretComparedInNonConstantTimeAnalyzer, SecureShop.Analyzers.CodeFixes.Auth.SS3011FixedTimeEqualsCodeFix>;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3011SecretComparedInNonConstantTimeAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3011SecretComparedInNonConstantTimeTests
{
    private const string Usings = """
        using System;
        using System.Linq;
        using System.Security.Cryptography;
        using System.Text;

        """;

    private static DiagnosticResult Expected(string name, string how, int location = 0) =>
        V.Diagnostic(Descriptors.SS3011SecretComparedInNonConstantTime).WithLocation(location).WithArguments(name, how);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task WebhookSignatureWithEqualityOperator() => Run("""
        class Webhook
        {
            bool Valid(string payload, string signature, byte[] key)
            {
                string expected = Convert.ToHexString(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(payload)));
                return {|#0:signature == expected|};
            }
        }
        """, Expected("signature", "=="));

    [Test]
    public Task ApiKeyNotEquals() => Run("""
        class ApiKeyCheck
        {
            private readonly string _apiKey = Environment.GetEnvironmentVariable("KEY")!;
            bool Reject(string provided) => {|#0:provided != _apiKey|};
        }
        """, Expected("_apiKey", "!="));

    [Test]
    public Task ResetTokenEqualsMethod() => Run("""
        class Reset
        {
            bool Check(string resetToken, string stored) => {|#0:resetToken.Equals(stored)|};
        }
        """, Expected("resetToken", "string.Equals"));

    [Test]
    public Task StaticStringEqualsOrdinal() => Run("""
        class Reset
        {
            bool Check(string token, string stored) => {|#0:string.Equals(token, stored, StringComparison.Ordinal)|};
        }
        """, Expected("token", "string.Equals"));

    [Test]
    public Task HashBytesSequenceEqual() => Run("""
        class Passwords
        {
            bool Verify(byte[] passwordHash, byte[] computed) => {|#0:passwordHash.SequenceEqual(computed)|};
        }
        """, Expected("passwordHash", "SequenceEqual"));

    [Test]
    public Task StringCompareOnComputedHash() => Run("""
        class Passwords
        {
            string ComputeHash(string s) => s;
            bool Verify(string input, string stored) => {|#0:string.Compare(ComputeHash(input), stored)|} == 0;
        }
        """, Expected("ComputeHash", "string.Compare"));

    [Test]
    public Task PropertyOfRequestModel() => Run("""
        record Callback(string Hmac, string Body);
        class Gateway
        {
            bool Valid(Callback cb, string mine) => {|#0:mine == cb.Hmac|};
        }
        """, Expected("Hmac", "=="));

    [Test]
    public Task StoredKeyComparedWithFormValueToReject() => Run("""
        class PartnerSettings { public string ApiKey { get; set; } = ""; }
        class PartnerForm { public string ApiKey { get; set; } = ""; }
        class PartnerGate
        {
            private readonly PartnerSettings _settings = new();
            bool Allowed(PartnerForm form)
            {
                if ({|#0:form.ApiKey != _settings.ApiKey|})
                {
                    return false;
                }

                return true;
            }
        }
        """, Expected("ApiKey", "!="));

    [Test]
    public Task PasswordComparedWithStoredOne() => Run("""
        class Account { public string Password { get; set; } = ""; }
        class SignIn
        {
            bool Check(Account account, string password) => {|#0:password == account.Password|};
        }
        """, Expected("password", "=="));

    [Test]
    public Task TokenHashComparedInAnInMemoryLambda() => Run("""
        using System.Collections.Generic;
        class ApiClient { public string KeyHash { get; set; } = ""; }
        class Lookup
        {
            ApiClient? Find(List<ApiClient> clients, string presentedHash) => clients.FirstOrDefault(c => {|#0:c.KeyHash == presentedHash|});
        }
        """, Expected("KeyHash", "=="));

    // ---- near-miss negatives ----
    [Test]
    public Task ComparisonTranslatedToSql() => Run("""
        class SavedCard { public string PanHash { get; set; } = ""; public string ResetToken { get; set; } = ""; }
        class Cards
        {
            SavedCard? Find(IQueryable<SavedCard> cards, string fingerprint, string token) =>
                cards.Where(c => c.PanHash == fingerprint).FirstOrDefault(c => c.ResetToken == token);
        }
        """);

    [Test]
    public Task ConfirmationFieldsFromOneRequest() => Run("""
        class RegisterModel { public string Password { get; set; } = ""; public string ConfirmPassword { get; set; } = ""; }
        class Register
        {
            bool Mismatch(RegisterModel model) => model.Password != model.ConfirmPassword;
            bool Same(string newPassword, string repeatPassword) => newPassword == repeatPassword;
        }
        """);

    [Test]
    public Task AdminFormChangeDetection() => Run("""
        class SmtpAccount { public string Password { get; set; } = ""; }
        class SmtpForm { public string Password { get; set; } = ""; public string ApiKey { get; set; } = ""; }
        class Settings { public string ApiKey { get; set; } = ""; }
        class AdminSettings
        {
            private readonly Settings _settings = new();
            void Save(SmtpForm form, SmtpAccount account)
            {
                if (!form.Password.Equals(account.Password))
                {
                    account.Password = form.Password;
                }

                if (form.ApiKey != _settings.ApiKey)
                    _settings.ApiKey = form.ApiKey;
            }
        }
        """);

    [Test]
    public Task ContentFingerprintsAndETags() => Run("""
        class Asset { public string ContentHash { get; set; } = ""; }
        class Bundles
        {
            bool Unchanged(Asset asset, string fileHash, string ifNoneMatch, string etagHash) =>
                asset.ContentHash == fileHash || ifNoneMatch == etagHash;
        }
        """);


    [Test]
    public Task FixedTimeEqualsIsSafe() => Run("""
        class Webhook
        {
            bool Valid(byte[] signature, byte[] expected) => CryptographicOperations.FixedTimeEquals(signature, expected);
        }
        """);

    [Test]
    public Task NullAndEmptyChecks() => Run("""
        class Reset
        {
            bool Missing(string? token) => token == null || token == "" || string.Equals(token, string.Empty);
        }
        """);

    [Test]
    public Task ComparingWithAConstant() => Run("""
        class Auth
        {
            const string Bearer = "Bearer";
            bool IsBearer(string tokenScheme, string token) => token.StartsWith(Bearer) && tokenScheme == Bearer;
        }
        """);

    [Test]
    public Task DescriptiveNamesAreNotSecrets() => Run("""
        class Auth
        {
            bool Same(string tokenType, string other, string hashAlgorithm, string passwordHint) =>
                tokenType == other || hashAlgorithm == other || passwordHint == other;
        }
        """);

    [Test]
    public Task LengthsAreNotContent() => Run("""
        class Auth
        {
            bool SameLength(string signature, string expected) => signature.Length == expected.Length;
        }
        """);

    [Test]
    public Task OrdinaryNames() => Run("""
        class Orders
        {
            bool Same(string orderNumber, string other, byte[] image, byte[] thumb) => orderNumber == other && image.SequenceEqual(thumb);
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class Webhook
        {
            bool Valid(string signature, string expected) => {|#0:signature == expected|};
            bool Broken(string token) => token == ;
        """, Expected("signature", "=="));

    // ---- code fix ----

    [Test]
    public Task FixRewritesEveryComparison() => F.FixAsync(Usings + """
        class Webhook
        {
            bool Valid(string signature, string expected) => {|#0:signature == expected|};
            bool Reject(string apiKey, string provided) => {|#1:apiKey != provided|};
            bool Reset(string resetToken, string stored) => {|#2:resetToken.Equals(stored)|};
            bool Hash(byte[] passwordHash, byte[] computed) => {|#3:passwordHash.SequenceEqual(computed)|};
        }
        """, Usings + """
        class Webhook
        {
            bool Valid(string signature, string expected) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(signature), Encoding.UTF8.GetBytes(expected));
            bool Reject(string apiKey, string provided) => !CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(apiKey), Encoding.UTF8.GetBytes(provided));
            bool Reset(string resetToken, string stored) => CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(resetToken), Encoding.UTF8.GetBytes(stored));
            bool Hash(byte[] passwordHash, byte[] computed) => CryptographicOperations.FixedTimeEquals(passwordHash, computed);
        }
        """,
        Expected("signature", "==", 0),
        Expected("apiKey", "!=", 1),
        Expected("resetToken", "string.Equals", 2),
        Expected("passwordHash", "SequenceEqual", 3));

    [Test]
    public Task NoFixForStringCompare()
    {
        var source = Usings + """
            class Passwords
            {
                bool Verify(string passwordHash, string stored) => {|#0:string.Compare(passwordHash, stored)|} == 0;
            }
            """;
        return F.FixAsync(source, source, Expected("passwordHash", "string.Compare"));
    }
}
