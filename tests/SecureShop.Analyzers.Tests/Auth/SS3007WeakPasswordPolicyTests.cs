using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3007WeakPasswordPolicyAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3007WeakPasswordPolicyTests
{
    private static DiagnosticResult Expected(string what, int location = 0) =>
        V.Diagnostic(Descriptors.SS3007WeakPasswordPolicy).WithLocation(location).WithArguments(what);

    private static Task Run(string body, params DiagnosticResult[] expected) => V.AnalyzerAsync($$"""
        using Microsoft.AspNetCore.Identity;
        using Microsoft.Extensions.DependencyInjection;

        public static class IdentitySetup
        {
            private const int MinLength = 8;
            public static void Configure(IServiceCollection services, IdentityOptions options, int configuredLength)
            {
                {{body}}
            }
        }
        """, expected);

    // ---- positives ----

    [Test]
    public Task ShortLengthInConfigureLambda() => Run("""
        services.Configure<IdentityOptions>(o => {|#0:o.Password.RequiredLength = 8|});
        """, Expected("RequiredLength = 8 (at least 12)"));

    [Test]
    public Task ShortLengthFromConstant() => Run("""
        {|#0:options.Password.RequiredLength = MinLength|};
        """, Expected("RequiredLength = 8 (at least 12)"));

    [Test]
    public Task PasswordOptionsInitializer() => Run("""
        var p = new PasswordOptions { {|#0:RequiredLength = 6|}, RequireDigit = true };
        """, Expected("RequiredLength = 6 (at least 12)"));

    [Test]
    public Task TooManyAttempts() => Run("""
        {|#0:options.Lockout.MaxFailedAccessAttempts = 50|};
        """, Expected("MaxFailedAccessAttempts = 50 (at most 10)"));

    [Test]
    public Task LockoutOptionsInitializer() => Run("""
        var l = new LockoutOptions { {|#0:MaxFailedAccessAttempts = 11|} };
        """, Expected("MaxFailedAccessAttempts = 11 (at most 10)"));

    [Test]
    public Task BothInAddIdentityCore() => Run("""
        services.AddIdentityCore<IdentityUser>(o =>
        {
            {|#0:o.Password.RequiredLength = 10|};
            {|#1:o.Lockout.MaxFailedAccessAttempts = 20|};
        });
        """, Expected("RequiredLength = 10 (at least 12)", 0), Expected("MaxFailedAccessAttempts = 20 (at most 10)", 1));

    // ---- near-miss negatives ----

    [Test]
    public Task TwelveCharacters() => Run("""
        options.Password.RequiredLength = 12;
        """);

    [Test]
    public Task TenAttempts() => Run("""
        options.Lockout.MaxFailedAccessAttempts = 10;
        """);

    [Test]
    public Task IdentityDefaultsUntouched() => Run("""
        services.AddIdentityCore<IdentityUser>();
        """);

    [Test]
    public Task OtherPasswordOptions() => Run("""
        options.Password.RequiredUniqueChars = 1;
        options.Password.RequireNonAlphanumeric = false;
        """);

    [Test]
    public Task LengthFromConfiguration() => Run("""
        options.Password.RequiredLength = configuredLength;
        """);

    [Test]
    public Task OwnOptionsType() => V.AnalyzerAsync("""
        class CouponOptions { public int RequiredLength { get; set; } public int MaxFailedAccessAttempts { get; set; } }
        class C { void M() { var o = new CouponOptions { RequiredLength = 6, MaxFailedAccessAttempts = 100 }; } }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using Microsoft.AspNetCore.Identity;
        class C
        {
            void M(IdentityOptions o)
            {
                {|#0:o.Password.RequiredLength = 4|};
                o.Lockout.MaxFailedAccessAttempts = ;
            }
        """, Expected("RequiredLength = 4 (at least 12)"));
}
