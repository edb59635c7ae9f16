using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2004HardcodedCryptoKeyAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2004HardcodedCryptoKeyTests
{
    /// <summary>Azure.Security.KeyVault.Secrets is not among the test references: a stand-in with its namespaces, types and signatures.</summary>
    private const string KeyVaultStandIn = """

        namespace Azure
        {
            public class Response<T>
            {
                public T Value { get; } = default!;
            }
        }

        namespace Azure.Security.KeyVault.Secrets
        {
            public class KeyVaultSecret
            {
                public string Value { get; } = "";
            }

            public class SecretClient
            {
                public virtual Azure.Response<KeyVaultSecret> GetSecret(string name, string? version = null, System.Threading.CancellationToken cancellationToken = default) => new();
            }
        }
        """;

    private const string Footer = " load keys from a key store and use a fresh random IV per message";

    private static DiagnosticResult Expected(string where, string what, int location = 0) =>
        V.Diagnostic(Descriptors.SS2004HardcodedCryptoKey).WithLocation(location).WithArguments(where, what);

    // ---- positives ----

    [Test]
    public Task ByteArrayLiteralAndZeroIvOnProperties() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class CardTokenCipher
        {
            Aes Create()
            {
                var aes = Aes.Create();
                aes.Key = {|#0:new byte[] { 0x2B, 0x7E, 0x15, 0x16, 0x28, 0xAE, 0xD2, 0xA6, 0xAB, 0xF7, 0x15, 0x88, 0x09, 0xCF, 0x4F, 0x3C }|};
                aes.IV = {|#1:new byte[16]|};
                return aes;
            }

            AesManaged Legacy() => new AesManaged { Key = {|#2:[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16]|} };
        }
        """,
        Expected("'aes.Key'", "a byte-array literal", 0),
        Expected("'aes.IV'", "an all-zero array", 1),
        Expected("'AesManaged.Key'", "a byte-array literal", 2));

    [Test]
    public Task KeysFromStringLiterals() => V.AnalyzerAsync("""
        using System;
        using System.Security.Cryptography;
        using System.Text;

        class LoyaltyPoints
        {
            void Configure(Aes aes, HMAC hmac)
            {
                aes.Key = {|#0:Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef")|};
                aes.IV = {|#1:Convert.FromBase64String("AAECAwQFBgcICQoLDA0ODw==")|};
                hmac.Key = {|#2:Convert.FromHexString("00112233445566778899aabbccddeeff")|};
                aes.SetKey({|#3:"fedcba9876543210fedcba9876543210"u8|});
                using var points = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, {|#4:"points-ledger-mac-key"u8|});
                aes.DecryptCbc(new byte[32], {|#5:Encoding.ASCII.GetBytes("16-byte-fixed-iv")|});
            }
        }
        """,
        Expected("'aes.Key'", "the bytes of a string literal", 0),
        Expected("'aes.IV'", "decoded from a string literal", 1),
        Expected("'hmac.Key'", "decoded from a string literal", 2),
        Expected("The key of aes.SetKey", "the bytes of a string literal", 3),
        Expected("The key of IncrementalHash.CreateHMAC", "the bytes of a string literal", 4),
        Expected("The IV of aes.DecryptCbc", "the bytes of a string literal", 5));

    [Test]
    public Task StaticReadonlyFieldsAndConstStrings() => V.AnalyzerAsync("""
        using System.Security.Cryptography;
        using System.Text;

        class CouponSigner
        {
            private static readonly byte[] KeyBytes = { 9, 8, 7, 6, 5, 4, 3, 2, 1, 0, 9, 8, 7, 6, 5, 4 };
            private const string EncryptionKey = "k3y-for-coupons-2024";
            private static readonly byte[] DerivedKey = Encoding.ASCII.GetBytes(EncryptionKey);

            ICryptoTransform Encryptor(Aes aes, byte[] iv) => aes.CreateEncryptor({|#0:KeyBytes|}, iv);
            byte[] Sign(byte[] coupon) => HMACSHA256.HashData({|#1:DerivedKey|}, coupon);
            HMACSHA512 Mac() => new HMACSHA512({|#2:Encoding.UTF8.GetBytes(EncryptionKey)|});
        }
        """,
        Expected("The key of aes.CreateEncryptor", "a byte-array literal (field 'KeyBytes')", 0),
        Expected("The key of HMACSHA256.HashData", "the bytes of a string literal (field 'DerivedKey')", 1),
        Expected("The key of new HMACSHA512", "the bytes of a string literal (const 'EncryptionKey')", 2));

    [Test]
    public Task LocalsAssignedOnceFromConstants() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class ReceiptArchive
        {
            byte[] Seal(byte[] receipt)
            {
                var key = new byte[] { 1, 1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 121, 98, 219 };
                byte[] iv = new byte[16];
                using var aes = Aes.Create();
                return aes.CreateEncryptor({|#0:key|}, {|#1:iv|}).TransformFinalBlock(receipt, 0, receipt.Length);
            }
        }
        """,
        Expected("The key of aes.CreateEncryptor", "a byte-array literal (local 'key')", 0),
        Expected("The IV of aes.CreateEncryptor", "an all-zero array (local 'iv')", 1));

    [Test]
    public Task NullForgivingReadIsNotAWrite() => V.AnalyzerAsync("""
        using System.Security.Cryptography;
        using System.Text;

        class ReceiptArchive
        {
            byte[] Seal(byte[] receipt)
            {
                string? keyText = "0123456789abcdef";
                using var aes = Aes.Create();
                aes.Key = {|#0:Encoding.UTF8.GetBytes(keyText!)|};
                return aes.EncryptCbc(receipt, RandomNumberGenerator.GetBytes(16));
            }
        }
        """,
        Expected("'aes.Key'", "the bytes of a string literal (local 'keyText')", 0));

    [Test]
    public Task AuthenticatedCiphersWithConstantKeyOrNonce() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class CardVault
        {
            private static readonly byte[] Nonce = new byte[12];

            void Seal(byte[] plain, byte[] cipher, byte[] tag)
            {
                using var gcm = new AesGcm({|#0:new byte[32]|}, 16);
                gcm.Encrypt({|#1:Nonce|}, plain, cipher, tag);
                using var chacha = new ChaCha20Poly1305({|#2:"an-embedded-chacha-key-of-32-byt"u8.ToArray()|});
            }
        }
        """,
        Expected("The key of new AesGcm", "an all-zero array", 0),
        Expected("The nonce of gcm.Encrypt", "an all-zero array (field 'Nonce')", 1),
        Expected("The key of new ChaCha20Poly1305", "the bytes of a string literal", 2));

    [Test]
    public Task IvReusedFromAField() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class AddressCipher
        {
            private readonly byte[] _key;
            private readonly byte[] _iv;
            private static readonly byte[] s_iv = RandomNumberGenerator.GetBytes(16);

            AddressCipher(byte[] key, byte[] iv)
            {
                _key = key;
                _iv = iv;
            }

            byte[] Encrypt(Aes aes, byte[] address)
            {
                aes.Key = _key;
                aes.IV = {|#0:_iv|};
                return aes.EncryptCbc(address, {|#1:s_iv|});
            }
        }
        """,
        Expected("'aes.IV'", "an IV reused from field '_iv'", 0),
        Expected("The IV of aes.EncryptCbc", "an IV reused from field 's_iv'", 1));

    // ---- near-miss negatives ----

    [Test]
    public Task KeysFromConfigurationOptionsAndKeyVault() => V.AnalyzerAsync("""
        using System;
        using System.Security.Cryptography;
        using Azure.Security.KeyVault.Secrets;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Options;

        class CryptoOptions { public string Key { get; set; } = ""; }

        class KeyedCiphers
        {
            void Configure(Aes aes, IConfiguration configuration, IOptions<CryptoOptions> options, SecretClient vault)
            {
                aes.Key = Convert.FromBase64String(configuration["Crypto:Key"]!);
                aes.Key = Convert.FromBase64String(options.Value.Key);
                aes.Key = Convert.FromBase64String(vault.GetSecret("card-encryption-key").Value.Value);
            }
        }
        """ + KeyVaultStandIn);

    [Test]
    public Task RandomKeysAndIvs() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class FreshKeys
        {
            private byte[] _iv = new byte[16];

            byte[] Encrypt(Aes aes, byte[] plain)
            {
                aes.Key = RandomNumberGenerator.GetBytes(32);
                aes.GenerateKey();
                aes.GenerateIV();
                var iv = new byte[16];
                RandomNumberGenerator.Fill(iv);
                RandomNumberGenerator.Fill(_iv);
                aes.IV = _iv;
                return aes.EncryptCbc(plain, iv);
            }

            void Seal(AesGcm gcm, byte[] plain, byte[] cipher, byte[] tag)
            {
                var nonce = new byte[AesGcm.NonceByteSizes.MaxSize];
                RandomNumberGenerator.Fill(nonce);
                gcm.Encrypt(nonce, plain, cipher, tag);
            }
        }
        """);

    [Test]
    public Task IvReadFromTheFrontOfTheCiphertext() => V.AnalyzerAsync("""
        using System;
        using System.Security.Cryptography;

        class Decryptors
        {
            byte[] A(Aes aes, byte[] cipher) => aes.DecryptCbc(cipher.AsSpan(16), cipher.AsSpan(0, 16));

            byte[] B(Aes aes, byte[] cipher)
            {
                aes.IV = cipher[..16];
                var iv = new byte[16];
                Buffer.BlockCopy(cipher, 0, iv, 0, 16);
                using var decryptor = aes.CreateDecryptor(aes.Key, iv);
                return decryptor.TransformFinalBlock(cipher, 16, cipher.Length - 16);
            }
        }
        """);

    [Test]
    public Task DerivedKeysAndDataProtection() => V.AnalyzerAsync("""
        using System.Security.Cryptography;
        using Microsoft.AspNetCore.DataProtection;

        class Derived
        {
            void Configure(Aes aes, string password, byte[] salt, IDataProtectionProvider provider)
            {
                aes.Key = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
                var protector = provider.CreateProtector("cards");
                protector.Protect(new byte[] { 1, 2, 3 });
            }
        }
        """);

    [Test]
    public Task ConstantArraysThatAreNotKeys() => V.AnalyzerAsync("""
        using System;
        using System.IO;

        class Exports
        {
            private static readonly byte[] PdfMagic = { 0x25, 0x50, 0x44, 0x46 };
            private static readonly byte[] Utf8Bom = { 0xEF, 0xBB, 0xBF };

            bool IsPdf(byte[] file) => file.AsSpan().StartsWith(PdfMagic);
            void WriteCsv(Stream stream) => stream.Write(Utf8Bom, 0, Utf8Bom.Length);
        }
        """);

    [Test]
    public Task LiteralsSs3003AlreadyReportsAreLeftToIt() => V.AnalyzerAsync("""
        using System.Security.Cryptography;
        using System.Text;

        class PaymentCrypto
        {
            private const string EncryptionSecret = "Zq4t7w!z%C*F-JaNdRgUkXp2s5v8y/B?";
            private const string StripeKey = "sk_live_4eC39HqLyjWDarjtT1zdp7dc";

            void Configure(Aes aes, HMAC hmac)
            {
                aes.Key = Encoding.UTF8.GetBytes(EncryptionSecret);
                hmac.Key = Encoding.UTF8.GetBytes(StripeKey);
                var secret = "n0t-the-real-one-9f8e";
                hmac.Key = Encoding.UTF8.GetBytes(secret);
            }
        }
        """);

    [Test]
    public Task KeyFieldsInjectedThroughTheConstructor() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class InjectedKeys
        {
            private readonly byte[] _key;
            private static readonly byte[] s_ephemeral = new byte[32];

            static InjectedKeys() => RandomNumberGenerator.Fill(s_ephemeral);
            InjectedKeys(byte[] key) => _key = key;

            ICryptoTransform Decryptor(Aes aes, byte[] iv) => aes.CreateDecryptor(_key, iv);
            byte[] Mac(byte[] data) => HMACSHA256.HashData(s_ephemeral, data);
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using System.Security.Cryptography;

        class Broken
        {
            void M(Aes aes)
            {
                aes.Key = {|#0:new byte[] { 1, 2, 3, 4 }|};
                aes.IV = new byte[] { 1, 2, ;
                aes.CreateEncryptor(
            }
        """, Expected("'aes.Key'", "a byte-array literal"));
}
