using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2007CertificateValidationDisabledAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2007CertificateValidationDisabledTests
{
    private const string Usings = """
        using System;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Authentication;
        using System.Security.Cryptography.X509Certificates;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;
        using Microsoft.Extensions.Logging;

        """;

    private static DiagnosticResult Expected(string what, int location = 0) =>
        V.Diagnostic(Descriptors.SS2007CertificateValidationDisabled).WithLocation(location).WithArguments(what);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task LambdaAssignedToHandlerCallback() => Run("""
        class TaxClient
        {
            public HttpClient Create()
            {
                var handler = new HttpClientHandler();
                handler.ServerCertificateCustomValidationCallback = {|#0:(message, certificate, chain, errors) => true|};
                return new HttpClient(handler);
            }
        }
        """, Expected("a lambda given to HttpClientHandler.ServerCertificateCustomValidationCallback returns true for every certificate"));

    [Test]
    public Task DangerousValidatorInConfigurePrimaryHttpMessageHandler() => Run("""
        static class Registration
        {
            public static void AddTaxClient(IServiceCollection services) =>
                services.AddHttpClient("tax").ConfigurePrimaryHttpMessageHandler(() => new HttpClientHandler
                {
                    ServerCertificateCustomValidationCallback = {|#0:HttpClientHandler.DangerousAcceptAnyServerCertificateValidator|},
                });
        }
        """, Expected("HttpClientHandler.DangerousAcceptAnyServerCertificateValidator accepts every certificate"));

    [Test]
    public Task AnonymousMethodAddedToServicePointManager() => Run("""
        static class LegacyGateway
        {
            public static void Init() =>
                ServicePointManager.ServerCertificateValidationCallback += {|#0:delegate { return true; }|};
        }
        """, Expected("an anonymous method given to ServicePointManager.ServerCertificateValidationCallback returns true for every certificate"));

    [Test]
    public Task MethodGroupThatLogsAndAccepts() => Run("""
        class LegacyGateway
        {
            private static ILogger? Logger;

            public static void Init() => ServicePointManager.ServerCertificateValidationCallback = {|#0:AcceptAll|};

            private static bool AcceptAll(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
            {
                if (errors != SslPolicyErrors.None)
                {
                    Logger?.LogWarning("Certificate problem {Errors}", errors);
                }

                return true;
            }
        }
        """, Expected("AcceptAll given to ServicePointManager.ServerCertificateValidationCallback returns true for every certificate"));

    [Test]
    public Task ExplicitDelegateForSslStream() => Run("""
        class WarehouseLink
        {
            public SslStream Open(Stream inner) =>
                new SslStream(inner, false, {|#0:new RemoteCertificateValidationCallback(Validate)|});

            private static bool Validate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors) => true;
        }
        """, Expected("Validate given to new SslStream(userCertificateValidationCallback) returns true for every certificate"));

    [Test]
    public Task ConstantTrueExpressionInSocketsHandlerOptions() => Run("""
        class ShippingClient
        {
            public HttpClient Create() => new HttpClient(new SocketsHttpHandler
            {
                SslOptions = new SslClientAuthenticationOptions
                {
                    RemoteCertificateValidationCallback = {|#0:(sender, certificate, chain, errors) => errors == SslPolicyErrors.None || true|},
                },
            });
        }
        """, Expected("a lambda given to SslClientAuthenticationOptions.RemoteCertificateValidationCallback returns true for every certificate"));

    [Test]
    public Task LocalFunctionThroughALocal() => Run("""
        class PaymentLink
        {
            public HttpClient Create()
            {
                Func<HttpRequestMessage, X509Certificate2?, X509Chain?, SslPolicyErrors, bool> check = {|#0:Accept|};
                return new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = check });

                static bool Accept(HttpRequestMessage message, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors)
                {
                    const bool trustEverything = true;
                    return trustEverything;
                }
            }
        }
        """, Expected("Accept given to check returns true for every certificate"));

    [Test]
    public Task MethodGroupDeclaredInAnotherFile()
    {
        var test = V.CreateTest(Usings + """
            class TaxClient
            {
                public HttpClient Create() => new HttpClient(new HttpClientHandler { ServerCertificateCustomValidationCallback = {|#0:CertificateRules.TrustAll|} });
            }
            """, Expected("TrustAll given to HttpClientHandler.ServerCertificateCustomValidationCallback returns true for every certificate"));
        test.TestState.Sources.Add(("CertificateRules.cs", Usings + """
            static class CertificateRules
            {
                public static bool TrustAll(HttpRequestMessage m, X509Certificate2? c, X509Chain? ch, SslPolicyErrors e) => !false;
            }
            """));
        return test.RunAsync();
    }

    // ---- near-miss negatives ----

    [Test]
    public Task CallbackThatChecksPolicyErrors() => Run("""
        class TaxClient
        {
            public HttpClient Create() => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => errors == SslPolicyErrors.None,
            });
        }
        """);

    [Test]
    public Task CertificatePinning() => Run("""
        class GatewayClient
        {
            private const string Thumbprint = "3B1EFD3A66EA28B16697394703A72CA340A05BD5";
            public HttpClient Create() => new HttpClient(new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) =>
                    certificate is not null && string.Equals(certificate.GetCertHashString(), Thumbprint, StringComparison.OrdinalIgnoreCase),
            });
        }
        """);

    [Test]
    public Task DevelopmentOnly() => Run("""
        static class Setup
        {
            public static void Configure(WebApplicationBuilder builder)
            {
                var handler = new HttpClientHandler();
                if (builder.Environment.IsDevelopment())
                {
                    handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => true;
                    handler.ServerCertificateCustomValidationCallback = HttpClientHandler.DangerousAcceptAnyServerCertificateValidator;
                }
            }
        }
        """);

    [Test]
    public Task ChainBuildAndSomePathsReject() => Run("""
        class PartnerClient
        {
            private readonly ILogger _logger;
            public PartnerClient(ILogger logger) => _logger = logger;

            public RemoteCertificateValidationCallback Callback() => (sender, certificate, chain, errors) =>
            {
                if (errors == SslPolicyErrors.None)
                {
                    return true;
                }

                _logger.LogWarning("Rejected certificate: {Errors}", errors);
                return false;
            };

            public bool Custom(X509Certificate2 certificate, X509Chain chain) => chain.Build(certificate);
            public void Install(SslClientAuthenticationOptions options) =>
                options.RemoteCertificateValidationCallback = (s, c, ch, e) => ch is not null && c is not null && ch.Build(new X509Certificate2(c));
        }
        """);

    [Test]
    public Task NullRestoresDefaultValidation() => Run("""
        static class Reset
        {
            public static void Restore(HttpClientHandler handler)
            {
                ServicePointManager.ServerCertificateValidationCallback = null;
                handler.ServerCertificateCustomValidationCallback = null;
            }
        }
        """);

    [Test]
    public Task OtherDelegatesThatReturnTrue() => Run("""
        using System.Collections.Generic;
        using System.Linq;
        class Filters
        {
            public IEnumerable<X509Certificate2> All(IEnumerable<X509Certificate2> certificates) => certificates.Where(_ => true);
            public Func<HttpRequestMessage, bool> AllowAll => _ => true;
        }
        """);

    [Test]
    public Task ServerSideClientCertificateChecks() => Run("""
        using Microsoft.AspNetCore.Server.Kestrel.Https;
        static class Mtls
        {
            public static void Configure(HttpsConnectionAdapterOptions https, SslServerAuthenticationOptions server)
            {
                https.ClientCertificateValidation = (certificate, chain, errors) => true;
                server.RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => true;
            }
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class TaxClient
        {
            public void Configure(HttpClientHandler handler)
            {
                handler.ServerCertificateCustomValidationCallback = {|#0:(m, c, ch, e) => true|};
                handler.ServerCertificateCustomValidationCallback = (m, c, ch, e) => ;
                ServicePointManager.ServerCertificateValidationCallback = Missing;
            }
        """, Expected("a lambda given to HttpClientHandler.ServerCertificateCustomValidationCallback returns true for every certificate"));
}
