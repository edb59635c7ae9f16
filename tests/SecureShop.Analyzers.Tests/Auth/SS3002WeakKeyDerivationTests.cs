using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3002WeakKeyDerivationAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3002WeakKeyDerivationTests
{
    /// <summary>BCrypt.Net-Next is not among the test references: a stand-in with its namespace, type and signatures.</summary>
    private const string BCryptStandIn = """

        namespace BCrypt.Net
        {
            public static class BCrypt
            {
                public static string HashPassword(string inputKey, int workFactor = 11, bool enhancedEntropy = false) => inputKey;
                public static string HashPassword(string inputKey, string salt) => inputKey + salt;
                public static string GenerateSalt(int workFactor = 11) => "";
                public static string EnhancedHashPassword(string inputKey, int workFactor = 11) => inputKey;
            }
        }
        """;

    private static DiagnosticResult Expected(string api, string problem, int location = 0) =>
        V.Diagnostic(Descriptors.SS3002WeakKeyDerivation).WithLocation(location).WithArguments(api, problem);

    private static Task Run(string body, params DiagnosticResult[] expected) => V.AnalyzerAsync($$"""
        using System.Security.Cryptography;
        using Microsoft.AspNetCore.Cryptography.KeyDerivation;
        using Microsoft.AspNetCore.Identity;

        class Passwords
        {
            const int Iterations = 10_000;
            object M(string password, byte[] salt, int configured)
            {
                {{body}}
                return 0;
            }
        }
        """ + BCryptStandIn, expected);

    // ---- positives ----

    [Test]
    public Task Pbkdf2Sha256TooFewIterations() => Run("""
        var key = {|#0:Rfc2898DeriveBytes.Pbkdf2(password, salt, 100_000, HashAlgorithmName.SHA256, 32)|};
        """, Expected("Rfc2898DeriveBytes.Pbkdf2", "100,000 iterations of SHA256 (at least 600,000)"));

    [Test]
    public Task Pbkdf2Sha1Prf() => Run("""
        var key = {|#0:Rfc2898DeriveBytes.Pbkdf2(password, salt, 1_000_000, HashAlgorithmName.SHA1, 32)|};
        """, Expected("Rfc2898DeriveBytes.Pbkdf2", "SHA1 as the PRF (use SHA-256 or SHA-512)"));

    [Test]
    public Task ConstructorWithConstantIterations() => Run("""
        using var kdf = {|#0:new Rfc2898DeriveBytes(password, salt, Iterations, HashAlgorithmName.SHA512)|};
        """, Expected("Rfc2898DeriveBytes", "10,000 iterations of SHA512 (at least 210,000)"));

    [Test]
    public Task AspNetCoreKeyDerivationSha1() => Run("""
        var key = {|#0:KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf.HMACSHA1, 600_000, 32)|};
        """, Expected("KeyDerivation.Pbkdf2", "SHA1 as the PRF (use SHA-256 or SHA-512)"));

    [Test]
    public Task BcryptLowWorkFactor() => Run("""
        var hash = {|#0:BCrypt.Net.BCrypt.HashPassword(password, 8)|};
        var salted = BCrypt.Net.BCrypt.HashPassword(password, {|#1:BCrypt.Net.BCrypt.GenerateSalt(workFactor: 6)|});
        """, Expected("BCrypt.HashPassword", "work factor 8 (at least 10)", 0), Expected("BCrypt.GenerateSalt", "work factor 6 (at least 10)", 1));

    [Test]
    public Task IdentityHasherWeakened() => Run("""
        var options = new PasswordHasherOptions { {|#0:IterationCount = 10_000|} };
        {|#1:options.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV2|};
        """,
        Expected("PasswordHasherOptions.IterationCount", "10,000 iterations (at least 100,000)", 0),
        Expected("PasswordHasherOptions.CompatibilityMode", "IdentityV2 (PBKDF2 with SHA-1 and 1,000 iterations)", 1));

    // ---- near-miss negatives ----

    [Test]
    public Task StrongPbkdf2() => Run("""
        var a = Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
        var b = Rfc2898DeriveBytes.Pbkdf2(password, salt, 210_000, HashAlgorithmName.SHA512, 64);
        var c = KeyDerivation.Pbkdf2(password, salt, KeyDerivationPrf.HMACSHA512, 300_000, 32);
        """);

    [Test]
    public Task IterationsFromConfiguration() => Run("""
        var key = Rfc2898DeriveBytes.Pbkdf2(password, salt, configured, HashAlgorithmName.SHA256, 32);
        """);

    [Test]
    public Task BcryptDefaultAndStrongCost() => Run("""
        var a = BCrypt.Net.BCrypt.HashPassword(password);
        var b = BCrypt.Net.BCrypt.HashPassword(password, 12);
        var c = BCrypt.Net.BCrypt.EnhancedHashPassword(password, workFactor: 10);
        """);

    [Test]
    public Task IdentityDefaults() => Run("""
        var hasher = new PasswordHasher<IdentityUser>();
        var options = new PasswordHasherOptions { IterationCount = 600_000, CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3 };
        """);

    [Test]
    public Task OwnTypeNamedLikePbkdf2() => V.AnalyzerAsync("""
        static class Rfc2898DeriveBytes { public static byte[] Pbkdf2(string p, byte[] s, int iterations, string a, int n) => s; }
        class C { object M(string p, byte[] s) => Rfc2898DeriveBytes.Pbkdf2(p, s, 10, "SHA1", 32); }
        """);

    [Test]
    public Task HkdfIsNotAPasswordHash() => Run("""
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA1, salt, 32);
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using System.Security.Cryptography;
        class Passwords
        {
            object M(string password, byte[] salt) => {|#0:Rfc2898DeriveBytes.Pbkdf2(password, salt, 1000, HashAlgorithmName.SHA256, 32)|};
            object N(string password) => Rfc2898DeriveBytes.Pbkdf2(password, , HashAlgorithmName.SHA1;
        """, Expected("Rfc2898DeriveBytes.Pbkdf2", "1,000 iterations of SHA256 (at least 600,000)"));
}
