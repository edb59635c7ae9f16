using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3004JwtValidationWeakenedAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3004JwtValidationWeakenedTests
{
    private static DiagnosticResult Expected(string what, int location = 0) =>
        V.Diagnostic(Descriptors.SS3004JwtValidationWeakened).WithLocation(location).WithArguments(what);

    private static Task Run(string body, params DiagnosticResult[] expected) => V.AnalyzerAsync($$"""
        using Microsoft.AspNetCore.Authentication.JwtBearer;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.IdentityModel.JsonWebTokens;
        using Microsoft.IdentityModel.Tokens;

        public static class JwtSetup
        {
            private const bool Strict = false;
            public static void Configure(IServiceCollection services, WebApplicationBuilder builder, SecurityKey key)
            {
                {{body}}
            }
        }
        """, expected);

    // ---- positives ----

    [Test]
    public Task ObjectInitializerFlags() => Run("""
        var p = new TokenValidationParameters
        {
            {|#0:ValidateIssuer = false|},
            {|#1:ValidateAudience = false|},
            ValidateIssuerSigningKey = true,
            IssuerSigningKey = key,
        };
        """, Expected("TokenValidationParameters.ValidateIssuer = false", 0), Expected("TokenValidationParameters.ValidateAudience = false", 1));

    [Test]
    public Task LifetimeOffByPropertyAssignment() => Run("""
        var p = new TokenValidationParameters();
        {|#0:p.ValidateLifetime = false|};
        """, Expected("TokenValidationParameters.ValidateLifetime = false"));

    [Test]
    public Task FlagSetFromConstant() => Run("""
        var p = new TokenValidationParameters { {|#0:RequireSignedTokens = Strict|} };
        """, Expected("TokenValidationParameters.RequireSignedTokens = false"));

    [Test]
    public Task InsideAddJwtBearer() => Run("""
        services.AddAuthentication().AddJwtBearer(o =>
        {
            o.TokenValidationParameters = new TokenValidationParameters { {|#0:RequireExpirationTime = false|}, {|#1:ValidateIssuerSigningKey = false|} };
        });
        """, Expected("TokenValidationParameters.RequireExpirationTime = false", 0), Expected("TokenValidationParameters.ValidateIssuerSigningKey = false", 1));

    [Test]
    public Task SignatureValidatorReturnsParsedToken() => Run("""
        var p = new TokenValidationParameters
        {
            {|#0:SignatureValidator = (token, parameters) => new JsonWebToken(token)|},
        };
        """, Expected("SignatureValidator returns the token without validating its signature"));

    [Test]
    public Task SignatureValidatorBlockBodyJwtSecurityToken() => Run("""
        var p = new TokenValidationParameters();
        {|#0:p.SignatureValidator = delegate (string token, TokenValidationParameters parameters)
        {
            return new System.IdentityModel.Tokens.Jwt.JwtSecurityToken(token);
        }|};
        """, Expected("SignatureValidator returns the token without validating its signature"));

    [Test]
    public Task RequireHttpsMetadataOff() => Run("""
        services.AddAuthentication().AddJwtBearer(o => {|#0:o.RequireHttpsMetadata = false|});
        """, Expected("JwtBearerOptions.RequireHttpsMetadata = false"));

    // ---- near-miss negatives ----

    [Test]
    public Task AllChecksOn() => Run("""
        var p = new TokenValidationParameters
        {
            ValidateIssuer = true, ValidateAudience = true, ValidateLifetime = true, ValidateIssuerSigningKey = true,
            RequireSignedTokens = true, RequireExpirationTime = true, IssuerSigningKey = key,
        };
        """);

    [Test]
    public Task OtherFalseProperties() => Run("""
        var p = new TokenValidationParameters { SaveSigninToken = false, ValidateActor = false, ValidateTokenReplay = false };
        services.AddAuthentication().AddJwtBearer(o => { o.SaveToken = false; o.IncludeErrorDetails = false; });
        """);

    [Test]
    public Task ValueFromEnvironment() => Run("""
        services.AddAuthentication().AddJwtBearer(o => o.RequireHttpsMetadata = !builder.Environment.EnvironmentName.Equals("Development"));
        """);

    [Test]
    public Task DevelopmentOnlyBranch() => Run("""
        services.AddAuthentication().AddJwtBearer(o =>
        {
            if (Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(builder.Environment))
            {
                o.RequireHttpsMetadata = false;
            }
        });
        """);

    [Test]
    public Task OutsideDevelopmentIsNotDevelopmentOnly() => Run("""
        services.AddAuthentication().AddJwtBearer(o =>
        {
            if (!Microsoft.Extensions.Hosting.HostEnvironmentEnvExtensions.IsDevelopment(builder.Environment))
            {
                {|#0:o.RequireHttpsMetadata = false|};
            }
        });
        """, Expected("JwtBearerOptions.RequireHttpsMetadata = false"));

    /// <summary>RequireHttpsMetadata on OpenID Connect options is SS2010's (HTTPS enforcement), not this rule's.</summary>
    [Test]
    public Task OpenIdConnectRequireHttpsMetadataIsLeftToSS2010() => V.AnalyzerAsync("""
        using Microsoft.Extensions.DependencyInjection;

        namespace Microsoft.AspNetCore.Authentication.OpenIdConnect
        {
            public class OpenIdConnectOptions { public bool RequireHttpsMetadata { get; set; } = true; }
        }

        public static class OidcSetup
        {
            public static void Configure(IServiceCollection services) =>
                services.Configure<Microsoft.AspNetCore.Authentication.OpenIdConnect.OpenIdConnectOptions>(o => o.RequireHttpsMetadata = false);
        }
        """);

    [Test]
    public Task SignatureValidatorThatValidates() => Run("""
        var handler = new JsonWebTokenHandler();
        var p = new TokenValidationParameters
        {
            SignatureValidator = (token, parameters) =>
            {
                var result = handler.ValidateTokenAsync(token, new TokenValidationParameters { IssuerSigningKey = key }).Result;
                return result.SecurityToken;
            },
        };
        """);

    [Test]
    public Task LookAlikeTypeOfOwn() => V.AnalyzerAsync("""
        class TokenValidationSettings { public bool ValidateLifetime { get; set; } }
        class C { void M() { var s = new TokenValidationSettings { ValidateLifetime = false }; } }
        """);

    [Test]
    public Task ReadingAFlagIsNotSettingIt() => Run("""
        var p = new TokenValidationParameters();
        bool lifetime = p.ValidateLifetime == false;
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using Microsoft.IdentityModel.Tokens;
        class C
        {
            void M()
            {
                var p = new TokenValidationParameters { {|#0:ValidateLifetime = false|}, ValidateIssuer = ;
                p.SignatureValidator = (t, q) => new
            }
        """, Expected("TokenValidationParameters.ValidateLifetime = false"));
}
