using Microsoft.CodeAnalysis.Testing;
using F = SecureShop.Analyzers.Tests.Infrastructure.VerifyFix<SecureShop.Analyzers.Crypto.SS2001WeakHashAnalyzer, SecureShop.Analyzers.CodeFixes.Crypto.SS2001Sha256CodeFix>;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2001WeakHashAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2001WeakHashTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Security.Cryptography;
        using System.Security.Cryptography.X509Certificates;
        using System.Text;
        using System.Threading.Tasks;

        """;

    /// <summary>.NET Framework's RIPEMD160/RIPEMD160Managed and SHA1Cng, absent from .NET 10's reference pack, declared where they lived.</summary>
    private const string FrameworkOnlyTypes = """

        namespace System.Security.Cryptography
        {
            public abstract class RIPEMD160 : HashAlgorithm
            {
                public static new RIPEMD160 Create() => throw new PlatformNotSupportedException();
            }

            public sealed class RIPEMD160Managed : RIPEMD160
            {
                public override void Initialize() { }
                protected override void HashCore(byte[] array, int ibStart, int cbSize) { }
                protected override byte[] HashFinal() => Array.Empty<byte>();
            }

            public sealed class SHA1Cng : SHA1
            {
                public override void Initialize() { }
                protected override void HashCore(byte[] array, int ibStart, int cbSize) { }
                protected override byte[] HashFinal() => Array.Empty<byte>();
            }
        }

        namespace Org.BouncyCastle.Crypto.Digests
        {
            public class RipeMD160Digest
            {
                public void BlockUpdate(byte[] input, int inOff, int length) { }
                public int DoFinal(byte[] output, int outOff) => 0;
            }
        }
        """;

    private static DiagnosticResult Expected(string api, string algorithm, int location = 0) =>
        V.Diagnostic(Descriptors.SS2001WeakHash).WithLocation(location)
            .WithArguments(api, algorithm, algorithm.StartsWith("HMAC", StringComparison.Ordinal) ? "HMAC-SHA256 or stronger" : "SHA-256 or stronger");

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task Md5CreateReportedOnceAtTheCreation() => Run("""
        class DownloadChecksum
        {
            byte[] Checksum(byte[] file)
            {
                using var md5 = {|#0:MD5.Create()|};
                md5.ComputeHash(file);
                return md5.ComputeHash(file);
            }
        }
        """, Expected("MD5.Create", "MD5"));

    [Test]
    public Task StaticOneShotHashes() => Run("""
        class OrderIntegrity
        {
            byte[] Checksum(byte[] order) => {|#0:SHA1.HashData(order)|};
            bool Try(byte[] order, byte[] into) => {|#1:MD5.TryHashData(order, into, out _)|};
            async Task<byte[]> OfStream(Stream s) => await {|#2:SHA1.HashDataAsync(s)|};
        }
        """,
        Expected("SHA1.HashData", "SHA-1", 0),
        Expected("MD5.TryHashData", "MD5", 1),
        Expected("SHA1.HashDataAsync", "SHA-1", 2));

    [Test]
    public Task ProviderAndManagedConstructors() => Run("""
        class LegacyHashes
        {
            #pragma warning disable SYSLIB0021
            HashAlgorithm A() => {|#0:new SHA1Managed()|};
            HashAlgorithm B() => {|#1:new MD5CryptoServiceProvider()|};
            HashAlgorithm C() => {|#2:new SHA1CryptoServiceProvider()|};
            HashAlgorithm D() => {|#3:new SHA1Cng()|};
        }
        """ + FrameworkOnlyTypes,
        Expected("new SHA1Managed", "SHA-1", 0),
        Expected("new MD5CryptoServiceProvider", "MD5", 1),
        Expected("new SHA1CryptoServiceProvider", "SHA-1", 2),
        Expected("new SHA1Cng", "SHA-1", 3));

    [Test]
    public Task HmacSignatures() => Run("""
        class PartnerWebhook
        {
            byte[] Sign(byte[] key, byte[] body)
            {
                using var hmac = {|#0:new HMACSHA1(key)|};
                return hmac.ComputeHash(body);
            }

            byte[] SignLegacy(byte[] key, byte[] body) => {|#1:HMACMD5.HashData(key, body)|};
        }
        """,
        Expected("new HMACSHA1", "HMAC-SHA1", 0),
        Expected("HMACMD5.HashData", "HMAC-MD5", 1));

    [Test]
    public Task FactoriesByName() => Run("""
        #pragma warning disable SYSLIB0045
        class Configurable
        {
            HashAlgorithm A() => (HashAlgorithm){|#0:CryptoConfig.CreateFromName("MD5")|}!;
            HashAlgorithm? B() => {|#1:HashAlgorithm.Create("SHA1")|};
            KeyedHashAlgorithm? C() => {|#2:KeyedHashAlgorithm.Create("HMACSHA1")|};
            HashAlgorithm D() => (HashAlgorithm){|#3:CryptoConfig.CreateFromName("RIPEMD-160")|}!;
        }
        """,
        Expected("CryptoConfig.CreateFromName(\"MD5\")", "MD5", 0),
        Expected("HashAlgorithm.Create(\"SHA1\")", "SHA-1", 1),
        Expected("KeyedHashAlgorithm.Create(\"HMACSHA1\")", "HMAC-SHA1", 2),
        Expected("CryptoConfig.CreateFromName(\"RIPEMD-160\")", "RIPEMD-160", 3));

    [Test]
    public Task HashAlgorithmNameInSignaturesAndIncrementalHashes() => Run("""
        class Signatures
        {
            byte[] Sign(RSA rsa, byte[] order) => rsa.SignData(order, {|#0:HashAlgorithmName.SHA1|}, RSASignaturePadding.Pkcs1);
            bool Verify(ECDsa ecdsa, byte[] data, byte[] signature) => ecdsa.VerifyData(data, signature, {|#1:HashAlgorithmName.SHA1|});
            byte[] SignDsa(DSA dsa, byte[] data) => dsa.SignData(data, {|#2:HashAlgorithmName.SHA1|});
            IncrementalHash Digest() => IncrementalHash.CreateHash({|#3:HashAlgorithmName.MD5|});
            IncrementalHash Mac(byte[] key) => IncrementalHash.CreateHMAC({|#4:HashAlgorithmName.SHA1|}, key);
            CertificateRequest Csr(RSA rsa) => new CertificateRequest("CN=shop.example", rsa, {|#5:HashAlgorithmName.SHA1|}, RSASignaturePadding.Pkcs1);
            byte[] Any(byte[] data) => CryptographicOperations.HashData({|#6:new HashAlgorithmName("MD5")|}, data);
        }
        """,
        Expected("RSA.SignData", "SHA-1", 0),
        Expected("ECDsa.VerifyData", "SHA-1", 1),
        Expected("DSA.SignData", "SHA-1", 2),
        Expected("IncrementalHash.CreateHash", "MD5", 3),
        Expected("IncrementalHash.CreateHMAC", "HMAC-SHA1", 4),
        Expected("new CertificateRequest", "SHA-1", 5),
        Expected("CryptographicOperations.HashData", "MD5", 6));

    [Test]
    public Task Ripemd160ByTypeAndThirdPartyName() => Run("""
        using Org.BouncyCastle.Crypto.Digests;
        class AddressChecksum
        {
            HashAlgorithm A() => {|#0:RIPEMD160.Create()|};
            HashAlgorithm B() => {|#1:new RIPEMD160Managed()|};
            RipeMD160Digest C() => {|#2:new RipeMD160Digest()|};
        }
        """ + FrameworkOnlyTypes,
        Expected("RIPEMD160.Create", "RIPEMD-160", 0),
        Expected("new RIPEMD160Managed", "RIPEMD-160", 1),
        Expected("new RipeMD160Digest", "RIPEMD-160", 2));

    [Test]
    public Task HashObjectInAFieldUsedForIntegrity() => Run("""
        class PriceListSigner
        {
            private static readonly SHA1 Sha = {|#0:SHA1.Create()|};
            public string Checksum(byte[] priceList) => Convert.ToHexString(Sha.ComputeHash(priceList));
        }
        """, Expected("SHA1.Create", "SHA-1"));

    [Test]
    public Task DigestUnderAnIntegrityNameIsNotAnIdentifier() => Run("""
        class Exports
        {
            string Checksum(byte[] file) => Convert.ToHexString({|#0:MD5.HashData(file)|});
            bool Matches(byte[] file, string expectedHash) => Convert.ToHexString({|#1:MD5.HashData(file)|}) == expectedHash;
        }
        """,
        Expected("MD5.HashData", "MD5", 0),
        Expected("MD5.HashData", "MD5", 1));

    [Test]
    public Task FileDigestComparedWithAPublishedChecksum() => Run("""
        class PluginInstaller
        {
            bool IsUntampered(byte[] package, string publishedChecksum) => Convert.ToHexString({|#0:MD5.HashData(package)|}) == publishedChecksum;
        }
        """, Expected("MD5.HashData", "MD5"));

    [Test]
    public Task SameHashOutsideATestProject() => V.AnalyzerAsync(Usings + """
        class Fixtures
        {
            string Digest(byte[] data) => Convert.ToHexString({|#0:MD5.HashData(data)|});
        }
        """, null, "Shop.Fixtures", Expected("MD5.HashData", "MD5"));

    // ---- near-miss negatives ----

    [Test]
    public Task StrongHashesAreClean() => Run("""
        #pragma warning disable SYSLIB0045
        class Strong
        {
            byte[] A(byte[] d) => SHA256.HashData(d);
            byte[] B(byte[] d) { using var s = SHA384.Create(); return s.ComputeHash(d); }
            byte[] C(byte[] d) => SHA512.HashData(d);
            byte[] D(byte[] d) => SHA3_256.IsSupported ? SHA3_256.HashData(d) : SHA256.HashData(d);
            byte[] E(byte[] k, byte[] d) { using var h = new HMACSHA256(k); return h.ComputeHash(d); }
            byte[] F(RSA rsa, byte[] d) => rsa.SignData(d, HashAlgorithmName.SHA256, RSASignaturePadding.Pss);
            IncrementalHash G() => IncrementalHash.CreateHash(HashAlgorithmName.SHA384);
            object? H() => CryptoConfig.CreateFromName("SHA256");
        }
        """);

    [Test]
    public Task DeterministicGuidFromMd5() => Run("""
        class ProductIds
        {
            Guid FromSku(string sku) => new Guid(MD5.HashData(Encoding.UTF8.GetBytes(sku)));
            Guid FromSha1(string name) => new Guid(SHA1.HashData(Encoding.UTF8.GetBytes(name))[..16]);
            Guid FromSpan(string name) => new Guid(SHA1.HashData(Encoding.UTF8.GetBytes(name)).AsSpan(0, 16));

            Guid NameBased(string name)
            {
                using var md5 = MD5.Create();
                var hash = md5.ComputeHash(Encoding.UTF8.GetBytes(name));
                hash[6] = (byte)((hash[6] & 0x0F) | 0x30);
                return new Guid(hash);
            }
        }
        """);

    [Test]
    public Task EtagCacheKeyBucketShardPartition() => Run("""
        class Catalog
        {
            public string ProductEtag { get; private set; } = "";
            void Refresh(byte[] json) => ProductEtag = $"\"{Convert.ToHexString(MD5.HashData(json))}\"";
            string CacheKeyFor(string query) => "q:" + Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(query)));
            int ShardFor(string customerId) => (int)(BitConverter.ToUInt32(MD5.HashData(Encoding.UTF8.GetBytes(customerId))) % 16);
            string Partition(string orderId)
            {
                var partitionKey = Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(orderId)))[..4];
                return partitionKey;
            }
            byte[] _image = Array.Empty<byte>();
            public string ETag => Convert.ToHexString(SHA1.HashData(_image));
            string ETagOf(Stream body)
            {
                using var hash = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
                var buffer = new byte[4096];
                for (int n; (n = body.Read(buffer)) > 0;) hash.AppendData(buffer, 0, n);
                return Convert.ToHexString(hash.GetHashAndReset());
            }
            int Bucket(byte[] payload)
            {
                using var md5 = MD5.Create();
                int bucket = md5.ComputeHash(payload)[0] % 8;
                return bucket;
            }
        }
        """);

    [Test]
    public Task ContentFingerprintsAndDeduplication() => Run("""
        class Assets
        {
            public string BundleHash { get; private set; } = "";
            void Build(byte[] css) => BundleHash = Convert.ToHexString(MD5.HashData(css))[..8];
            string ComputeFileChecksum(Stream file) => Convert.ToHexString(MD5.HashData(file));
            string ContentHashOf(byte[] upload) => Convert.ToBase64String(SHA1.HashData(upload));
            bool IsDuplicate(byte[] picture, System.Collections.Generic.ISet<string> seen)
            {
                var dedupKey = Convert.ToHexString(MD5.HashData(picture));
                return !seen.Add(dedupKey);
            }
        }
        """);

    [Test]
    public Task TestProjectsAreNotJudged() => V.AnalyzerAsync(Usings + """
        class Fixtures
        {
            string Digest(byte[] data) => Convert.ToHexString(MD5.HashData(data));
        }
        """, null, "Shop.Tests");

    [Test]
    public Task PasswordHashedWithSha1BelongsToSS3001() => Run("""
        class LegacyLogin
        {
            byte[] Hash(string password)
            {
                var sha1 = SHA1.Create();
                return sha1.ComputeHash(Encoding.UTF8.GetBytes(password));
            }

            byte[] Old(string pwd) => MD5.HashData(Encoding.UTF8.GetBytes("salt" + pwd));
        }

        class LegacyAdminLogin
        {
            private static readonly SHA1 Sha = SHA1.Create();
            string Hash(string adminPassword) => Convert.ToBase64String(Sha.ComputeHash(Encoding.UTF8.GetBytes(adminPassword)));
        }
        """);

    [Test]
    public Task Pbkdf2PrfBelongsToSS3002() => Run("""
        using Microsoft.AspNetCore.Cryptography.KeyDerivation;
        class KeyStretch
        {
            byte[] A(string password, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA1, 32);
            byte[] B(string password, byte[] salt)
            {
                using var kdf = new Rfc2898DeriveBytes(password, salt, 600_000, HashAlgorithmName.SHA1);
                return kdf.GetBytes(32);
            }
            byte[] C(string password, byte[] salt) => KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf.HMACSHA1, 600_000, 32);
        }
        """);

    [Test]
    public Task TotpKeepsHmacSha1() => Run("""
        class TotpGenerator
        {
            int Code(byte[] secret, long counter)
            {
                using var hmac = new HMACSHA1(secret);
                var hash = hmac.ComputeHash(BitConverter.GetBytes(counter));
                int offset = hash[^1] & 0x0F;
                return (BitConverter.ToInt32(hash, offset) & 0x7FFFFFFF) % 1_000_000;
            }
        }
        """);

    [Test]
    public Task ThumbprintsAndOwnTypesAreNotHashing() => Run("""
        class Md5Checksum { public string Value = ""; }
        class Certificates
        {
            string Thumbprint(X509Certificate2 cert) => cert.GetCertHashString(HashAlgorithmName.SHA1);
            Md5Checksum Make() => new Md5Checksum();
            int Size => SHA1.HashSizeInBytes;
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class Broken
        {
            byte[] A(byte[] d) => {|#0:SHA1.HashData(d)|};
            byte[] B(byte[] d) => MD5.HashData(;
            void C() { var x = {|#1:new HMACSHA1(|}
        """, Expected("SHA1.HashData", "SHA-1", 0), Expected("new HMACSHA1", "HMAC-SHA1", 1));

    // ---- code fix ----

    [Test]
    public Task FixAllRewritesEveryEntryPoint() => F.FixAsync(Usings + """
        #pragma warning disable SYSLIB0021
        class LegacyOrderSigner
        {
            byte[] Checksum(byte[] order)
            {
                using var md5 = {|#0:MD5.Create()|};
                return md5.ComputeHash(order);
            }

            byte[] Quick(byte[] order) => {|#1:SHA1.HashData(order)|};
            byte[] Mac(byte[] key, byte[] order) { using var h = {|#2:new HMACSHA1(key)|}; return h.ComputeHash(order); }
            byte[] Mac2(byte[] key, byte[] order) => {|#3:HMACMD5.HashData(key, order)|};
            byte[] Sign(RSA rsa, byte[] order) => rsa.SignData(order, {|#4:HashAlgorithmName.SHA1|}, RSASignaturePadding.Pkcs1);
            HashAlgorithm ByName() => (HashAlgorithm){|#5:CryptoConfig.CreateFromName("MD5")|}!;
            HashAlgorithm Managed() => {|#6:new SHA1Managed()|};
            async Task<byte[]> File(Stream s) => await {|#7:MD5.HashDataAsync(s)|};
            private static readonly HashAlgorithm Shared = {|#8:MD5.Create()|};
            byte[] Block(byte[] order) { using (var sha = {|#9:new SHA1CryptoServiceProvider()|}) { return sha.ComputeHash(order); } }
        }
        """, Usings + """
        #pragma warning disable SYSLIB0021
        class LegacyOrderSigner
        {
            byte[] Checksum(byte[] order)
            {
                using var md5 = SHA256.Create();
                return md5.ComputeHash(order);
            }

            byte[] Quick(byte[] order) => SHA256.HashData(order);
            byte[] Mac(byte[] key, byte[] order) { using var h = new HMACSHA256(key); return h.ComputeHash(order); }
            byte[] Mac2(byte[] key, byte[] order) => HMACSHA256.HashData(key, order);
            byte[] Sign(RSA rsa, byte[] order) => rsa.SignData(order, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            HashAlgorithm ByName() => (HashAlgorithm)CryptoConfig.CreateFromName("SHA256")!;
            HashAlgorithm Managed() => SHA256.Create();
            async Task<byte[]> File(Stream s) => await SHA256.HashDataAsync(s);
            private static readonly HashAlgorithm Shared = SHA256.Create();
            byte[] Block(byte[] order) { using (var sha = SHA256.Create()) { return sha.ComputeHash(order); } }
        }
        """,
        Expected("MD5.Create", "MD5", 0),
        Expected("SHA1.HashData", "SHA-1", 1),
        Expected("new HMACSHA1", "HMAC-SHA1", 2),
        Expected("HMACMD5.HashData", "HMAC-MD5", 3),
        Expected("RSA.SignData", "SHA-1", 4),
        Expected("CryptoConfig.CreateFromName(\"MD5\")", "MD5", 5),
        Expected("new SHA1Managed", "SHA-1", 6),
        Expected("MD5.HashDataAsync", "MD5", 7),
        Expected("MD5.Create", "MD5", 8),
        Expected("new SHA1CryptoServiceProvider", "SHA-1", 9));

    [Test]
    public Task NoFixWhereTheDigestSizeOrTypeIsPinned()
    {
        var source = Usings + """
            class Pinned
            {
                byte[] Typed(byte[] d) { SHA1 sha = {|#0:SHA1.Create()|}; return sha.ComputeHash(d); }
                bool Try(byte[] d, byte[] into) => {|#1:SHA1.TryHashData(d, into, out _)|};
                int IntoStack(byte[] d) { Span<byte> digest = stackalloc byte[20]; return {|#2:SHA1.HashData(d, digest)|}; }
                byte[] SizeUsed(byte[] d) { var md5 = {|#3:MD5.Create()|}; var buffer = new byte[md5.HashSize / 8]; return md5.ComputeHash(d); }
                byte[] Precomputed(RSA rsa, byte[] hash) => rsa.SignHash(hash, {|#4:HashAlgorithmName.SHA1|}, RSASignaturePadding.Pkcs1);
                byte[] Dsa(DSA dsa, byte[] d) => dsa.SignData(d, {|#5:HashAlgorithmName.SHA1|});
                MD5 Returned() => {|#6:MD5.Create()|};
                object? Cast() => {|#7:CryptoConfig.CreateFromName("MD5")|} as MD5;
                bool IntoCallersBuffer(byte[] d, Span<byte> into) { var sha = {|#8:SHA1.Create()|}; return sha.TryComputeHash(d, into, out _); }
            }
            """;
        return F.FixAsync(source, source,
            Expected("SHA1.Create", "SHA-1", 0),
            Expected("SHA1.TryHashData", "SHA-1", 1),
            Expected("SHA1.HashData", "SHA-1", 2),
            Expected("MD5.Create", "MD5", 3),
            Expected("RSA.SignHash", "SHA-1", 4),
            Expected("DSA.SignData", "SHA-1", 5),
            Expected("MD5.Create", "MD5", 6),
            Expected("CryptoConfig.CreateFromName(\"MD5\")", "MD5", 7),
            Expected("SHA1.Create", "SHA-1", 8));
    }
}
