using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2002WeakCipherAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2002WeakCipherTests
{
    private const string Usings = """
        using System;
        using System.Security.Cryptography;
        using System.Text;

        #pragma warning disable SYSLIB0021, SYSLIB0022, SYSLIB0045

        """;

    /// <summary>BouncyCastle's RC4 engine (not referenced by the tests), with its real namespace and shape.</summary>
    private const string BouncyCastleRc4 = """

        namespace Org.BouncyCastle.Crypto.Engines
        {
            public class RC4Engine
            {
                public void Init(bool forEncryption, object parameters) { }
                public byte ReturnByte(byte input) => input;
            }
        }
        """;

    private static DiagnosticResult Expected(string api, string cipher, int location = 0) =>
        V.Diagnostic(Descriptors.SS2002WeakCipher).WithLocation(location).WithArguments(api, cipher);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task StaticFactoriesReportedOnceAtTheCreation() => Run("""
        class LegacyCardVault
        {
            byte[] Encrypt(byte[] key, byte[] data)
            {
                using var tdes = {|#0:TripleDES.Create()|};
                tdes.Key = key;
                tdes.GenerateIV();
                using var encryptor = tdes.CreateEncryptor();
                return encryptor.TransformFinalBlock(data, 0, data.Length);
            }

            SymmetricAlgorithm Des() => {|#1:DES.Create()|};
            SymmetricAlgorithm Rc2() => {|#2:RC2.Create()|};
        }
        """,
        Expected("TripleDES.Create", "3DES", 0),
        Expected("DES.Create", "DES", 1),
        Expected("RC2.Create", "RC2", 2));

    [Test]
    public Task CreateByNameOverloads() => Run("""
        class Ciphers
        {
            SymmetricAlgorithm? A() => {|#0:TripleDES.Create("TripleDES")|};
            SymmetricAlgorithm? B() => {|#1:DES.Create("DES")|};
            SymmetricAlgorithm? C() => {|#2:SymmetricAlgorithm.Create("DES")|};
            object? D() => {|#3:CryptoConfig.CreateFromName("3DES")|};
            object? E() => {|#4:CryptoConfig.CreateFromName("RC2")|};
        }
        """,
        Expected("TripleDES.Create(\"TripleDES\")", "3DES", 0),
        Expected("DES.Create(\"DES\")", "DES", 1),
        Expected("SymmetricAlgorithm.Create(\"DES\")", "DES", 2),
        Expected("CryptoConfig.CreateFromName(\"3DES\")", "3DES", 3),
        Expected("CryptoConfig.CreateFromName(\"RC2\")", "RC2", 4));

    [Test]
    public Task ProviderConstructors() => Run("""
        class Providers
        {
            SymmetricAlgorithm A() => {|#0:new DESCryptoServiceProvider()|};
            SymmetricAlgorithm B() => {|#1:new TripleDESCryptoServiceProvider()|};
            SymmetricAlgorithm C() => {|#2:new TripleDESCng()|};
            SymmetricAlgorithm D() => {|#3:new RC2CryptoServiceProvider()|};
        }
        """,
        Expected("new DESCryptoServiceProvider", "DES", 0),
        Expected("new TripleDESCryptoServiceProvider", "3DES", 1),
        Expected("new TripleDESCng", "3DES", 2),
        Expected("new RC2CryptoServiceProvider", "RC2", 3));

    [Test]
    public Task Rc4ByTypeName() => Run("""
        using Org.BouncyCastle.Crypto.Engines;
        class Arc4Cipher { public Arc4Cipher(byte[] key) { } }
        class TokenObfuscator
        {
            RC4Engine A() => {|#0:new RC4Engine()|};
            Arc4Cipher B(byte[] key) => {|#1:new Arc4Cipher(key)|};
        }
        """ + BouncyCastleRc4,
        Expected("new RC4Engine", "RC4", 0),
        Expected("new Arc4Cipher", "RC4", 1));

    [Test]
    public Task RijndaelWithA256BitBlockInTheInitializer() => Run("""
        class LegacyPhp
        {
            SymmetricAlgorithm Cipher() => {|#0:new RijndaelManaged { BlockSize = 256, KeySize = 256 }|};
        }
        """, Expected("new RijndaelManaged", "Rijndael with a 256-bit block"));

    [Test]
    public Task RijndaelBlockSizeAssignedToTheSameLocal() => Run("""
        class LegacyPhp
        {
            const int McryptBlock = 192;
            byte[] Decrypt(byte[] key, byte[] iv, byte[] data)
            {
                using var rijndael = {|#0:Rijndael.Create()|};
                rijndael.BlockSize = McryptBlock;
                rijndael.Key = key;
                rijndael.IV = iv;
                return rijndael.CreateDecryptor().TransformFinalBlock(data, 0, data.Length);
            }
        }
        """, Expected("Rijndael.Create", "Rijndael with a 192-bit block"));

    [Test]
    public Task CipherKeptInAField() => Run("""
        class PanVault
        {
            private readonly SymmetricAlgorithm _cipher = {|#0:TripleDES.Create()|};
            public byte[] Protect(byte[] pan) => _cipher.EncryptCbc(pan, new byte[8]);
            public byte[] Unprotect(byte[] data) => _cipher.DecryptCbc(data, new byte[8]);
        }
        """, Expected("TripleDES.Create", "3DES"));

    // ---- near-miss negatives ----

    [Test]
    public Task AesIsClean() => Run("""
        class Vault
        {
            byte[] Encrypt(byte[] key, byte[] data)
            {
                using var aes = Aes.Create();
                aes.Key = key;
                return aes.EncryptCbc(data, aes.IV);
            }
            SymmetricAlgorithm Managed() => new AesManaged();
            object? ByName() => CryptoConfig.CreateFromName("AES");
        }
        """);

    [Test]
    public Task AeadCiphersAreClean() => Run("""
        class Vault
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
    public Task RijndaelWithTheAesBlockIsAes() => Run("""
        class Vault
        {
            SymmetricAlgorithm A() => new RijndaelManaged();
            SymmetricAlgorithm B() => new RijndaelManaged { BlockSize = 128 };
            SymmetricAlgorithm C()
            {
                var r = Rijndael.Create();
                r.BlockSize = 128;
                return r;
            }
            SymmetricAlgorithm D(int configuredBlock) => new RijndaelManaged { BlockSize = configuredBlock };
        }
        """);

    [Test]
    public Task OwnClassesNamedAfterTheCipher() => Run("""
        class TripleDesMigration
        {
            public string Describe() => "moves old 3DES card tokens to AES-GCM";
        }
        class Rc4MigrationReport { }
        class Jobs
        {
            object A() => new TripleDesMigration();
            object B() => new Rc4MigrationReport();
        }
        """);

    [Test]
    public Task ParametersAndKeyChecksAreNotCreations() => Run("""
        class Legacy
        {
            byte[] Decrypt(TripleDES legacy, byte[] data) => legacy.DecryptEcb(data, PaddingMode.PKCS7);
            bool Weak(byte[] key) => TripleDES.IsWeakKey(key) || DES.IsWeakKey(key);
        }
        """);

    [Test]
    public Task MentionsThatCreateNothing() => Run("""
        class Inventory
        {
            Type A() => typeof(TripleDES);
            string B() => nameof(DES);
            string? C() => CryptoConfig.MapNameToOID("TripleDES");
            object? D() => CryptoConfig.CreateFromName("SHA256");
            const string LegacyAlgorithm = "3DES";
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class Broken
        {
            SymmetricAlgorithm A() => {|#0:TripleDES.Create()|};
            SymmetricAlgorithm B() => {|#1:DES.Create(|};
            void C() { var r = new RijndaelManaged { BlockSize = };
        """, Expected("TripleDES.Create", "3DES", 0), Expected("DES.Create", "DES", 1));
}
