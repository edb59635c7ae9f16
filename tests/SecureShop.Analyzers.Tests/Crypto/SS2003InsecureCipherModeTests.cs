using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2003InsecureCipherModeAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2003InsecureCipherModeTests
{
    private const string Ecb = "ECB mode encrypts equal blocks to equal ciphertext; use AesGcm";
    private const string NoPadding = "PaddingMode.None leaves padding to hand-written code; use PaddingMode.PKCS7";
    private const string ZeroPadding = "PaddingMode.Zeros cannot tell trailing zero bytes from padding; use PaddingMode.PKCS7";
    private const string Pkcs1 = "PKCS#1 v1.5 encryption padding is open to padding-oracle attacks; use RSAEncryptionPadding.OaepSHA256";

    private static string Cbc(string type) => $"CBC encryption and no MAC in '{type}'; use AesGcm, or HMAC-SHA256 over IV and ciphertext";

    private static DiagnosticResult Expected(string where, string problem, int location = 0) =>
        V.Diagnostic(Descriptors.SS2003InsecureCipherMode).WithLocation(location).WithArguments(where, problem);

    // ---- positives ----

    [Test]
    public Task EcbByPropertyAndInitializer() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class CardTokenCipher
        {
            byte[] Encrypt(byte[] key, byte[] data)
            {
                using var aes = Aes.Create();
                aes.Key = key;
                {|#0:aes.Mode = CipherMode.ECB|};
                using var legacy = new AesManaged { {|#1:Mode = CipherMode.ECB|} };
                return aes.CreateEncryptor().TransformFinalBlock(data, 0, data.Length);
            }
        }
        """, Expected("aes.Mode", Ecb, 0), Expected("AesManaged.Mode", Ecb, 1));

    [Test]
    public Task EcbOneShotMethods() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class VoucherCipher
        {
            private readonly Aes _aes = Aes.Create();
            byte[] Seal(byte[] code) => {|#0:_aes.EncryptEcb(code, PaddingMode.PKCS7)|};
            byte[] Open(byte[] sealedCode) => {|#1:_aes.DecryptEcb(sealedCode, PaddingMode.PKCS7)|};
            bool TrySeal(byte[] code, byte[] output) => {|#2:_aes.TryEncryptEcb(code, output, PaddingMode.PKCS7, out _)|};
        }
        """, Expected("_aes.EncryptEcb", Ecb, 0), Expected("_aes.DecryptEcb", Ecb, 1), Expected("_aes.TryEncryptEcb", Ecb, 2));

    [Test]
    public Task NoAndZeroPaddingOnABlockCipher() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class ExportFile
        {
            void Configure(Aes aes, TripleDES des)
            {
                {|#0:aes.Padding = PaddingMode.None|};
                {|#1:des.Padding = PaddingMode.Zeros|};
            }
        }
        """, Expected("aes.Padding", NoPadding, 0), Expected("des.Padding", ZeroPadding, 1));

    [Test]
    public Task CbcEncryptionWithoutAMacDecryptedFromACookie() => V.AnalyzerAsync("""
        using System.IO;
        using System.Security.Cryptography;

        class OrderNoteCipher
        {
            private readonly byte[] _key;
            OrderNoteCipher(byte[] key) => _key = key;

            byte[] Encrypt(byte[] note)
            {
                using var aes = Aes.Create();
                aes.Key = _key;
                aes.GenerateIV();
                using var encryptor = {|#0:aes.CreateEncryptor()|};
                return encryptor.TransformFinalBlock(note, 0, note.Length);
            }

            byte[] EncryptExplicitCbc(byte[] note)
            {
                using var aes = Aes.Create();
                aes.Mode = CipherMode.CBC;
                return {|#1:aes.CreateEncryptor(_key, aes.IV)|}.TransformFinalBlock(note, 0, note.Length);
            }

            byte[] OneShot(byte[] note, byte[] iv)
            {
                using var aes = Aes.Create();
                aes.Key = _key;
                return {|#2:aes.EncryptCbc(note, iv)|};
            }

            public byte[] Decrypt(byte[] sealedNote, byte[] iv)
            {
                using var aes = Aes.Create();
                aes.Key = _key;
                return aes.DecryptCbc(sealedNote, iv);
            }
        }

        // The note travels to the browser in a cookie and comes back: the server's padding errors answer an attacker.
        class NotesController : Microsoft.AspNetCore.Mvc.Controller
        {
            private readonly OrderNoteCipher _cipher = null!;
            public Microsoft.AspNetCore.Mvc.IActionResult Show()
            {
                var note = System.Convert.FromBase64String(Request.Cookies["note"] ?? "");
                return Content(System.Text.Encoding.UTF8.GetString(_cipher.Decrypt(note, new byte[16])));
            }
        }
        """, Expected("aes.CreateEncryptor", Cbc("OrderNoteCipher"), 0), Expected("aes.CreateEncryptor", Cbc("OrderNoteCipher"), 1),
        Expected("aes.EncryptCbc", Cbc("OrderNoteCipher"), 2));

    [Test]
    public Task CbcOneShotWithoutPaddingNamesBothProblemsOnce() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class BlockExport
        {
            byte[] Export(Aes aes, byte[] blocks, byte[] iv) => {|#0:aes.EncryptCbc(blocks, iv, PaddingMode.None)|};

            public byte[] Import(Aes aes, string token, byte[] iv) => aes.DecryptCbc(System.Convert.FromBase64String(token), iv);
        }

        static class ExportEndpoints
        {
            public static void Map(Microsoft.AspNetCore.Builder.WebApplication app, Aes aes) =>
                Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(app, "/export/{token}", (string token) => new BlockExport().Import(aes, token, new byte[16]));
        }
        """, Expected("aes.EncryptCbc", NoPadding + "; and " + Cbc("BlockExport")));

    [Test]
    public Task CbcOneShotWithoutPaddingNeverDecryptedNamesOnlyThePadding() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class BlockExport
        {
            byte[] Export(Aes aes, byte[] blocks, byte[] iv) => {|#0:aes.EncryptCbc(blocks, iv, PaddingMode.None)|};
        }
        """, Expected("aes.EncryptCbc", NoPadding));

    [Test]
    public Task CbcOnAFieldCipherSetUpInTheConstructor() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class GiftCardVault
        {
            private readonly SymmetricAlgorithm _cipher;
            GiftCardVault(byte[] key)
            {
                _cipher = Aes.Create();
                _cipher.Key = key;
            }

            ICryptoTransform Encryptor() => {|#0:_cipher.CreateEncryptor()|};

            public class BalanceController : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                private readonly GiftCardVault _vault = null!;
                public byte[] Balance(byte[] sealedCode) => _vault._cipher.CreateDecryptor().TransformFinalBlock(sealedCode, 0, sealedCode.Length);
            }
        }
        """, Expected("_cipher.CreateEncryptor", Cbc("GiftCardVault")));

    [Test]
    public Task RsaEncryptionWithPkcs1Padding() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class PartnerKeyExchange
        {
            byte[] Wrap(RSA rsa, byte[] key) => {|#0:rsa.Encrypt(key, RSAEncryptionPadding.Pkcs1)|};
            byte[] Unwrap(RSA rsa, byte[] wrapped) => {|#1:rsa.Decrypt(wrapped, RSAEncryptionPadding.Pkcs1)|};
            byte[] Legacy(RSACryptoServiceProvider csp, byte[] key) => {|#2:csp.Encrypt(key, false)|};
        }
        """, Expected("rsa.Encrypt", Pkcs1, 0), Expected("rsa.Decrypt", Pkcs1, 1), Expected("csp.Encrypt", Pkcs1, 2));

    // ---- near-miss negatives ----

    [Test]
    public Task AesGcmAndChaCha20Poly1305() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class CardVault
        {
            void Seal(byte[] key, byte[] nonce, byte[] plain, byte[] cipher, byte[] tag)
            {
                using var gcm = new AesGcm(key, 16);
                gcm.Encrypt(nonce, plain, cipher, tag);
                using var chacha = new ChaCha20Poly1305(key);
                chacha.Encrypt(nonce, plain, cipher, tag);
            }
        }
        """);

    [Test]
    public Task CbcFollowedByHmacOverIvAndCiphertext() => V.AnalyzerAsync("""
        using System.Linq;
        using System.Security.Cryptography;

        class EncryptThenMac
        {
            byte[] Seal(byte[] encKey, byte[] macKey, byte[] plain)
            {
                using var aes = Aes.Create();
                aes.Key = encKey;
                aes.Mode = CipherMode.CBC;
                aes.Padding = PaddingMode.PKCS7;
                var iv = aes.IV;
                var cipher = aes.CreateEncryptor().TransformFinalBlock(plain, 0, plain.Length);
                var tag = HMACSHA256.HashData(macKey, iv.Concat(cipher).ToArray());
                return iv.Concat(cipher).Concat(tag).ToArray();
            }

            byte[] OneShot(Aes aes, byte[] iv, byte[] plain, IncrementalHash mac)
            {
                var cipher = aes.EncryptCbc(plain, iv);
                mac.AppendData(cipher);
                return cipher;
            }
        }
        """);

    [Test]
    public Task CbcCiphertextThatNeverComesBackFromAClient() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        // Encrypted for the shop's own store and read back from it: no client can hand the server a forged ciphertext.
        class OrderNoteStore
        {
            private readonly byte[] _key;
            private readonly System.Collections.Generic.Dictionary<int, byte[]> _rows = new();
            OrderNoteStore(byte[] key) => _key = key;

            public void Save(int id, byte[] note)
            {
                using var aes = Aes.Create();
                aes.Key = _key;
                _rows[id] = aes.EncryptCbc(note, new byte[16]);
            }

            public byte[] Load(int id)
            {
                using var aes = Aes.Create();
                aes.Key = _key;
                return aes.DecryptCbc(_rows[id], new byte[16]);
            }
        }

        class ReportJob
        {
            private readonly OrderNoteStore _store = null!;
            public byte[] Run(int id) => _store.Load(id);
        }

        class EncryptOnly
        {
            ICryptoTransform Seal(byte[] key)
            {
                using var aes = Aes.Create();
                aes.Key = key;
                return aes.CreateEncryptor();
            }
        }
        """);

    [Test]
    public Task CbcDecryptionAloneIsNotReported() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class LegacyExportReader
        {
            byte[] Read(byte[] key, byte[] iv, byte[] cipher)
            {
                using var aes = Aes.Create();
                aes.Mode = CipherMode.CBC;
                using var decryptor = aes.CreateDecryptor(key, iv);
                var plain = decryptor.TransformFinalBlock(cipher, 0, cipher.Length);
                return aes.DecryptCbc(cipher, iv);
            }
        }
        """);

    [Test]
    public Task ModeReadInAComparisonOrLoggedAndNamesMappedInASwitch() => V.AnalyzerAsync("""
        using System;
        using System.Security.Cryptography;

        class CipherSettings
        {
            static CipherMode Parse(string name) => name switch
            {
                "ecb" => CipherMode.ECB,
                "cfb" => CipherMode.CFB,
                _ => CipherMode.CBC,
            };

            void Check(Aes aes)
            {
                if (aes.Mode == CipherMode.ECB)
                {
                    throw new InvalidOperationException("ECB is not allowed");
                }

                Console.WriteLine($"mode {aes.Mode}, padding {aes.Padding}");
                aes.Padding = PaddingMode.PKCS7;
            }
        }
        """);

    [Test]
    public Task OaepAndSignaturePadding() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class Signer
        {
            byte[] Wrap(RSA rsa, byte[] key) => rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA256);
            byte[] Legacy(RSACryptoServiceProvider csp, byte[] key) => csp.Encrypt(key, true);
            byte[] Sign(RSA rsa, byte[] data) => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        """);

    [Test]
    public Task NoPaddingInAStreamModeAndCfbOneShot() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class StreamingExport
        {
            ICryptoTransform Decryptor(byte[] key, byte[] iv, byte[] data)
            {
                var aes = Aes.Create();
                aes.Mode = CipherMode.CFB;
                aes.Padding = PaddingMode.None;
                aes.DecryptCfb(data, iv);
                return aes.CreateDecryptor(key, iv);
            }
        }
        """);

    [Test]
    public Task CipherGivenAsAParameterMadeElsewhereOrConfiguredMode() => V.AnalyzerAsync("""
        using System.Security.Cryptography;

        class Encryptors
        {
            private readonly SymmetricAlgorithm _injected;
            Encryptors(SymmetricAlgorithm injected) => _injected = injected;

            private readonly Aes _streaming = new AesManaged { Mode = CipherMode.CFB };

            ICryptoTransform From(SymmetricAlgorithm configured) => configured.CreateEncryptor();
            ICryptoTransform Streaming() => _streaming.CreateEncryptor();
            ICryptoTransform Injected() => _injected.CreateEncryptor();
            ICryptoTransform Made()
            {
                var cipher = CipherFactory.Make();
                return cipher.CreateEncryptor();
            }

            ICryptoTransform Configured(CipherMode mode)
            {
                var aes = Aes.Create();
                aes.Mode = mode;
                return aes.CreateEncryptor();
            }
        }

        static class CipherFactory
        {
            public static Aes Make()
            {
                var aes = Aes.Create();
                aes.Mode = CipherMode.CFB;
                return aes;
            }
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using System.Security.Cryptography;

        class Broken
        {
            void M(Aes aes)
            {
                {|#0:aes.Mode = CipherMode.ECB|};
                aes.Padding = ;
                aes.EncryptCbc(
            }
        """, Expected("aes.Mode", Ecb));
}
