using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3012CorsAnyOriginWithCredentialsAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3012CorsAnyOriginWithCredentialsTests
{
    private static DiagnosticResult Expected(string how, int location = 0) =>
        V.Diagnostic(Descriptors.SS3012CorsAnyOriginWithCredentials).WithLocation(location).WithArguments(how);

    private static Task Run(string body, params DiagnosticResult[] expected) => V.AnalyzerAsync($$"""
        using Microsoft.AspNetCore.Cors.Infrastructure;
        using Microsoft.Extensions.DependencyInjection;

        public static class CorsSetup
        {
            public static void Configure(IServiceCollection services)
            {
                {{body}}
            }
        }
        """, expected);

    // ---- positives ----

    [Test]
    public Task OriginPredicateAlwaysTrue() => Run("""
        services.AddCors(o => o.AddPolicy("spa", p => {|#0:p.SetIsOriginAllowed(_ => true).AllowAnyHeader().AllowCredentials()|}));
        """, Expected("SetIsOriginAllowed(origin => true)"));

    [Test]
    public Task OriginPredicateWithBlockBody() => Run("""
        services.AddCors(o => o.AddDefaultPolicy(p =>
        {
            p.SetIsOriginAllowed(origin => { return true; });
            {|#0:p.AllowCredentials()|};
        }));
        """, Expected("SetIsOriginAllowed(origin => true)"));

    [Test]
    public Task WildcardInWithOrigins() => Run("""
        services.AddCors(o => o.AddPolicy("api", p => {|#0:p.WithOrigins("*").AllowCredentials()|}));
        """, Expected("WithOrigins(\"*\")"));

    [Test]
    public Task AllowAnyOriginAfterCredentials() => Run("""
        services.AddCors(o => o.AddPolicy("api", p => {|#0:p.AllowCredentials()|}.AllowAnyMethod().AllowAnyOrigin()));
        """, Expected("AllowAnyOrigin()"));

    [Test]
    public Task PolicyBuilderLocal() => Run("""
        var builder = new CorsPolicyBuilder();
        builder.SetIsOriginAllowed(static o => true);
        {|#0:builder.AllowCredentials()|};
        services.AddCors(o => o.AddPolicy("x", builder.Build()));
        """, Expected("SetIsOriginAllowed(origin => true)"));

    [Test]
    public Task ConstantWildcard() => Run("""
        const string Any = "*";
        services.AddCors(o => o.AddPolicy("api", p => {|#0:p.WithOrigins("https://shop.example", Any).AllowCredentials()|}));
        """, Expected("WithOrigins(\"*\")"));

    [Test]
    public Task TwoPoliciesOneBad() => Run("""
        services.AddCors(o =>
        {
            o.AddPolicy("shop", p => p.WithOrigins("https://shop.example").AllowCredentials());
            o.AddPolicy("any", p => {|#0:p.SetIsOriginAllowed(_ => true).AllowCredentials()|});
        });
        """, Expected("SetIsOriginAllowed(origin => true)"));

    [Test]
    public Task OriginPredicateMethodGroup() => Run("""
        static bool AnyOrigin(string origin) => true;
        services.AddCors(o => o.AddPolicy("spa", p => {|#0:p.SetIsOriginAllowed(AnyOrigin).AllowCredentials()|}));
        """, Expected("SetIsOriginAllowed(origin => true)"));

    // ---- near-miss negatives ----

    [Test]
    public Task ExplicitOriginsWithCredentials() => Run("""
        services.AddCors(o => o.AddPolicy("spa", p => p.WithOrigins("https://shop.example", "https://admin.shop.example").AllowCredentials()));
        """);

    [Test]
    public Task AnyOriginWithoutCredentials() => Run("""
        services.AddCors(o => o.AddPolicy("public", p => p.AllowAnyOrigin().AllowAnyHeader().AllowAnyMethod()));
        """);

    [Test]
    public Task RealOriginCheck() => Run("""
        services.AddCors(o => o.AddPolicy("spa", p => p.SetIsOriginAllowed(origin => origin.EndsWith(".shop.example")).AllowCredentials()));
        """);

    [Test]
    public Task PredicateReturningFalseSometimes() => Run("""
        services.AddCors(o => o.AddPolicy("spa", p => p.SetIsOriginAllowed(origin => { if (origin.Length == 0) return false; return true; }).AllowCredentials()));
        """);

    [Test]
    public Task OtherPolicyIsOpenWithoutCredentials() => Run("""
        services.AddCors(o =>
        {
            o.AddPolicy("catalog", p => p.AllowAnyOrigin());
            o.AddPolicy("account", p => p.WithOrigins("https://shop.example").AllowCredentials());
        });
        """);

    [Test]
    public Task DisallowCredentials() => Run("""
        services.AddCors(o => o.AddPolicy("x", p => p.SetIsOriginAllowed(_ => true).DisallowCredentials()));
        """);

    [Test]
    public Task UserTypeWithSameNames() => V.AnalyzerAsync("""
        class PolicyBuilder
        {
            public PolicyBuilder AllowAnyOrigin() => this;
            public PolicyBuilder AllowCredentials() => this;
        }
        class C { void M() => new PolicyBuilder().AllowAnyOrigin().AllowCredentials(); }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using Microsoft.Extensions.DependencyInjection;
        public static class CorsSetup
        {
            public static void Configure(IServiceCollection services)
            {
                services.AddCors(o => o.AddPolicy("x", p => {|#0:p.SetIsOriginAllowed(_ => true).AllowCredentials()|});
                services.AddCors(o => o.AddPolicy(
            }
        """, Expected("SetIsOriginAllowed(origin => true)"));
}
