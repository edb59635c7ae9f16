using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3016SecretLoggedAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3016SecretLoggedTests
{
    private const string Models = """
        using System;
        using Microsoft.Extensions.Logging;
        public class LoginModel
        {
            public string Email { get; set; } = "";
            [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
            public string Secret1 { get; set; } = "";
            public string Password { get; set; } = "";
            public bool RememberMe { get; set; }
        }
        public class GatewayOptions
        {
            public string ApiKey { get; set; } = "";
            public string ApiKeyName { get; set; } = "";
            public string ClientSecret { get; set; } = "";
            public string ConnectionString { get; set; } = "";
            public DateTime TokenExpiry { get; set; }
            public int PasswordLength { get; set; }
            public string TokenType { get; set; } = "";
            public string PasswordHash { get; set; } = "";
            public bool HasPassword { get; set; }
            public string MaskedApiKey { get; set; } = "";
        }
        """;

    private static DiagnosticResult Expected(string name, string sink) =>
        V.Diagnostic(Descriptors.SS3016SecretLogged).WithLocation(0).WithArguments(name, sink);

    // ---- positives ----

    [Test]
    public Task PasswordOnAFailedSignIn() => V.AnalyzerAsync(Models + """
        class SignIn
        {
            void Failed(ILogger<SignIn> logger, LoginModel model) => logger.LogWarning("Sign-in failed for {Email} with {Password}", model.Email, {|#0:model.Password|});
        }
        """, Expected("Password", "a log or trace (ILogger.LogWarning)"));

    [Test]
    public Task ResetTokenInterpolated() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Reset
        {
            void Send(ILogger logger, string passwordResetToken) => logger.LogInformation({|#0:$"Reset link token={passwordResetToken}"|});
        }
        """, Expected("passwordResetToken", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task ApiKeyToConsole() => V.AnalyzerAsync(Models + """
        class Gateway
        {
            void Start(GatewayOptions options) => Console.WriteLine({|#0:"Using key " + options.ApiKey|});
        }
        """, Expected("ApiKey", "a log or trace (Console.WriteLine)"));

    [Test]
    public Task ClientSecretThroughALocal() => V.AnalyzerAsync(Models + """
        class OAuth
        {
            void Configure(Serilog.ILogger log, GatewayOptions options)
            {
                var secret = options.ClientSecret;
                log.Debug("OAuth client secret {Secret}", {|#0:secret|});
            }
        }
        """, Expected("secret", "a log or trace (Serilog.Debug)"));

    [Test]
    public Task ConnectionString() => V.AnalyzerAsync(Models + """
        class Startup
        {
            void Configure(ILogger logger, GatewayOptions options) => logger.LogInformation("Connecting to {Db}", {|#0:options.ConnectionString|});
        }
        """, Expected("ConnectionString", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task DestructuredLoginModel() => V.AnalyzerAsync(Models + """
        class SignIn
        {
            void Attempt(ILogger logger, LoginModel model) => logger.LogDebug("Attempt {@Login}", {|#0:model|});
        }
        """, Expected("model.Secret1", "a log or trace (ILogger.LogDebug)"));

    [Test]
    public Task AuthorizationHeader() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Webhook
        {
            void Receive(ILogger logger, Microsoft.AspNetCore.Http.HttpRequest request) => logger.LogDebug("Auth {Header}", {|#0:request.Headers["Authorization"]|});
        }
        """, Expected("Authorization", "a log or trace (ILogger.LogDebug)"));

    [Test]
    public Task PasswordFieldByDataType() => V.AnalyzerAsync(Models + """
        class SignIn
        {
            void Attempt(LoginModel model) => System.Diagnostics.Trace.WriteLine({|#0:model.Secret1|});
        }
        """, Expected("Secret1", "a log or trace (Trace.WriteLine)"));

    [Test]
    public Task OneTimeCodeThroughAStringBuilder() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class TwoFactor
        {
            void Send(ILogger logger, string otpCode)
            {
                var text = new System.Text.StringBuilder("Your code: ");
                text.Append(otpCode);
                logger.LogDebug({|#0:text.ToString()|});
            }
        }
        """, Expected("otpCode", "a log or trace (ILogger.LogDebug)"));

    // ---- near misses ----

    [Test]
    public Task TokenEndpointAndApiKeyHeaderName() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class OAuth
        {
            void Start(ILogger logger, string tokenEndpoint, string apiKeyHeader, int otpLength) =>
                logger.LogInformation("Token endpoint {Url}, header {Header}, {Length} digits", tokenEndpoint, apiKeyHeader, otpLength);
        }
        """);

    [Test]
    public Task NamesAboutASecret() => V.AnalyzerAsync(Models + """
        class Gateway
        {
            void Start(ILogger logger, GatewayOptions o, string tokenType)
            {
                logger.LogInformation("Token expires {Expiry}, length {Length}, key name {Name}, type {Type}", o.TokenExpiry, o.PasswordLength, o.ApiKeyName, o.TokenType);
                logger.LogInformation("Type {Type} has password {Has}", tokenType, o.HasPassword);
            }
        }
        """);

    [Test]
    public Task HashedAndMaskedValues() => V.AnalyzerAsync(Models + """
        static class Secrets { public static string Mask(string s) => "****"; }
        class Gateway
        {
            void Start(ILogger logger, GatewayOptions o, string apiKey)
            {
                logger.LogInformation("Hash {Hash}", o.PasswordHash);
                logger.LogInformation("Key {Key}", o.MaskedApiKey);
                logger.LogInformation("Key {Key}", Secrets.Mask(apiKey));
                logger.LogInformation("Key ends {Key}", apiKey.Substring(apiKey.Length - 4));
                logger.LogInformation("Key set {Set}", !string.IsNullOrEmpty(apiKey));
            }
        }
        """);

    [Test]
    public Task PaginationAndCancellationTokens() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Sync
        {
            void Next(ILogger logger, string continuationToken, string nextPageToken, System.Threading.CancellationToken cancellationToken) =>
                logger.LogInformation("Next page {Token} {Page} {Cancel}", continuationToken, nextPageToken, cancellationToken);
        }
        """);

    [Test]
    public Task ObjectWithASecretLoggedByItsTypeName() => V.AnalyzerAsync(Models + """
        class SignIn
        {
            void Attempt(ILogger logger, LoginModel model) => logger.LogDebug("Attempt {Login} remember {Remember}", model, model.RememberMe);
        }
        """);

    [Test]
    public Task UserNameAndEmailAreNotSecrets() => V.AnalyzerAsync(Models + """
        class SignIn
        {
            void Failed(ILogger logger, LoginModel model, string userName) => logger.LogWarning("Failed for {User} {Email}", userName, model.Email);
        }
        """);

    [Test]
    public Task SecretNotLogged() => V.AnalyzerAsync(Models + """
        class Gateway
        {
            string Header(GatewayOptions o) => "Bearer " + o.ApiKey;
        }
        """);

    [Test]
    public Task SyntaxErrorsDoNotThrow() => V.SyntaxErrorsAsync(Models + """
        class Broken
        {
            void M(ILogger logger, GatewayOptions o) { logger.LogInformation("x {K}", {|#0:o.ApiKey|}
        }
        """, Expected("ApiKey", "a log or trace (ILogger.LogInformation)"));
}
