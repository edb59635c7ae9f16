using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2005InsufficientKeySizeAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2005InsufficientKeySizeTests
{
    private const string Usings = """
        using System;
        using System.Security.Cryptography;

        #pragma warning disable SYSLIB0021, SYSLIB0022

        """;

    private static DiagnosticResult Expected(string api, int bits, int minimum, int location = 0) =>
        V.Diagnostic(Descriptors.SS2005InsufficientKeySize).WithLocation(location).WithArguments(api, bits.ToString(), minimum.ToString());

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task Constructors() => Run("""
        class LegacyKeys
        {
            AsymmetricAlgorithm A() => {|#0:new RSACryptoServiceProvider(1024)|};
            AsymmetricAlgorithm B() => {|#1:new RSACng(1024)|};
            AsymmetricAlgorithm C() => {|#2:new DSACryptoServiceProvider(1024)|};
            AsymmetricAlgorithm D() => {|#3:new ECDsaCng(192)|};
            AsymmetricAlgorithm E(CspParameters csp) => {|#4:new RSACryptoServiceProvider(512, csp)|};
        }
        """,
        Expected("new RSACryptoServiceProvider", 1024, 2048, 0),
        Expected("new RSACng", 1024, 2048, 1),
        Expected("new DSACryptoServiceProvider", 1024, 2048, 2),
        Expected("new ECDsaCng", 192, 256, 3),
        Expected("new RSACryptoServiceProvider", 512, 2048, 4));

    [Test]
    public Task KeySizeSetters() => Run("""
        class LegacyKeys
        {
            const int LegacyBits = 1024;
            RSA A()
            {
                var rsa = RSA.Create();
                {|#0:rsa.KeySize = LegacyBits|};
                return rsa;
            }
            RSA B() => new RSACng { {|#1:KeySize = 8 * 128|} };
            ECDsa C()
            {
                var ecdsa = ECDsa.Create();
                {|#2:ecdsa.KeySize = 224|};
                return ecdsa;
            }
        }
        """,
        Expected("RSA.KeySize", 1024, 2048, 0),
        Expected("RSACng.KeySize", 1024, 2048, 1),
        Expected("ECDsa.KeySize", 224, 256, 2));

    [Test]
    public Task CreateWithASize() => Run("""
        class Signer
        {
            RSA A() => {|#0:RSA.Create(1024)|};
            DSA B() => {|#1:DSA.Create(keySizeInBits: 1024)|};
        }
        """,
        Expected("RSA.Create", 1024, 2048, 0),
        Expected("DSA.Create", 1024, 2048, 1));

    [Test]
    public Task SmallNamedCurves() => Run("""
        class Curves
        {
            ECDsa A() => ECDsa.Create({|#0:ECCurve.NamedCurves.brainpoolP160r1|});
            ECDsa B() => ECDsa.Create({|#1:ECCurve.CreateFromFriendlyName("secp192r1")|});
            ECDiffieHellman C()
            {
                var curve = {|#2:ECCurve.CreateFromValue("1.3.132.0.33")|};
                return ECDiffieHellman.Create(curve);
            }
            void D(ECDsa key) => key.GenerateKey({|#3:ECCurve.NamedCurves.brainpoolP224t1|});
        }
        """,
        Expected("curve brainpoolP160r1", 160, 256, 0),
        Expected("curve secp192r1", 192, 256, 1),
        Expected("curve 1.3.132.0.33", 224, 256, 2),
        Expected("curve brainpoolP224t1", 224, 256, 3));

    [Test]
    public Task ParameterlessCspDefaultsTo1024Bits() => Run("""
        class LegacyOrderSigner
        {
            byte[] Sign(byte[] order)
            {
                using var rsa = {|#0:new RSACryptoServiceProvider()|};
                return rsa.SignData(order, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            string NewKey() => {|#1:new DSACryptoServiceProvider()|}.ToXmlString(true);
        }
        """,
        Expected("new RSACryptoServiceProvider() without a key size", 1024, 2048, 0),
        Expected("new DSACryptoServiceProvider() without a key size", 1024, 2048, 1));

    [Test]
    public Task SymmetricKeySizeUnder128() => Run("""
        class Export
        {
            const int ExportGradeBits = 64;
            Aes A()
            {
                var aes = Aes.Create();
                {|#0:aes.KeySize = ExportGradeBits|};
                return aes;
            }
            SymmetricAlgorithm B() => new AesManaged { {|#1:KeySize = 96|} };
        }
        """,
        Expected("Aes.KeySize", 64, 128, 0),
        Expected("AesManaged.KeySize", 96, 128, 1));

    // ---- near-miss negatives ----

    [Test]
    public Task StrongSizesAreClean() => Run("""
        class Keys
        {
            AsymmetricAlgorithm A() => new RSACryptoServiceProvider(2048);
            AsymmetricAlgorithm B() => new RSACng(3072);
            RSA C() => RSA.Create(4096);
            RSA D() { var rsa = RSA.Create(); rsa.KeySize = 3072; return rsa; }
            DSA E() => DSA.Create(2048);
            Aes F() { var aes = Aes.Create(); aes.KeySize = 256; return aes; }
            AsymmetricAlgorithm G() => new ECDsaCng(256);
        }
        """);

    [Test]
    public Task DefaultsOfModernFactoriesAreClean() => Run("""
        class Keys
        {
            RSA A() => RSA.Create();
            DSA B() => DSA.Create();
            ECDsa C() => ECDsa.Create();
            ECDiffieHellman D() => ECDiffieHellman.Create();
        }
        """);

    [Test]
    public Task StrongCurvesAreClean() => Run("""
        class Curves
        {
            ECDsa A() => ECDsa.Create(ECCurve.NamedCurves.nistP256);
            ECDsa B() => ECDsa.Create(ECCurve.NamedCurves.nistP384);
            ECDsa C() => ECDsa.Create(ECCurve.NamedCurves.nistP521);
            ECDsa D() => ECDsa.Create(ECCurve.CreateFromFriendlyName("secp256k1"));
            ECDsa E() => ECDsa.Create(ECCurve.NamedCurves.brainpoolP384r1);
            bool Legacy(ECDsa key) => key.ExportParameters(false).Curve.Oid.Value == ECCurve.NamedCurves.brainpoolP160r1.Oid.Value;
        }
        """);

    [Test]
    public Task SizesFromConfigurationAreNotJudged() => Run("""
        class KeyOptions { public int RsaBits { get; set; } = 3072; }
        class Keys
        {
            RSA A(KeyOptions options) => RSA.Create(options.RsaBits);
            RSA B(int bits) { var rsa = RSA.Create(); rsa.KeySize = bits; return rsa; }
            AsymmetricAlgorithm C() => new RSACryptoServiceProvider(int.Parse(Environment.GetEnvironmentVariable("RSA_BITS") ?? "3072"));
        }
        """);

    [Test]
    public Task ReadingSizesIsNotSettingThem() => Run("""
        class Keys
        {
            const int KeySize = 1024;
            byte[] Buffer() => new byte[KeySize];
            bool TooSmall(RSA rsa) => rsa.KeySize < 2048;
            KeySizes[] Legal(Aes aes) => aes.LegalKeySizes;
        }
        """);

    [Test]
    public Task ParameterlessCspWithAnImportedKey() => Run("""
        class GatewaySignature
        {
            bool Verify(string publicKeyXml, byte[] data, byte[] signature)
            {
                using var rsa = new RSACryptoServiceProvider();
                rsa.FromXmlString(publicKeyXml);
                return rsa.VerifyData(data, signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            RSA Load(string pem)
            {
                var rsa = new RSACryptoServiceProvider();
                rsa.ImportFromPem(pem);
                return rsa;
            }
            RSACryptoServiceProvider Handed() => new RSACryptoServiceProvider();
        }
        """);

    [Test]
    public Task LegacyCipherKeySizesBelongToSS2002() => Run("""
        class Legacy
        {
            SymmetricAlgorithm A() { var tdes = TripleDES.Create(); tdes.KeySize = 112; return tdes; }
            SymmetricAlgorithm B() => new RC2CryptoServiceProvider { KeySize = 40 };
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class Broken
        {
            RSA A() => {|#0:RSA.Create(1024)|};
            RSA B() => RSA.Create(;
            void C() { var rsa = new RSACng { KeySize = };
        """, Expected("RSA.Create", 1024, 2048, 0));
}
