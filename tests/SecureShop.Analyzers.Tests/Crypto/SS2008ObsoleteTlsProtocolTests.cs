using Microsoft.CodeAnalysis.Testing;
using F = SecureShop.Analyzers.Tests.Infrastructure.VerifyFix<SecureShop.Analyzers.Crypto.SS2008ObsoleteTlsProtocolAnalyzer, SecureShop.Analyzers.CodeFixes.Crypto.SS2008DropObsoleteProtocolsCodeFix>;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2008ObsoleteTlsProtocolAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2008ObsoleteTlsProtocolTests
{
    // The obsolete members are [Obsolete] (SYSLIB0039, CS0618) and ServicePointManager is SYSLIB0014: warnings, which the
    // test compilation does not check; the pragma is what a shop's code carries.
    private const string Usings = """
        #pragma warning disable SYSLIB0014, SYSLIB0039, CS0618
        using System;
        using System.Collections.Generic;
        using System.IO;
        using System.Net;
        using System.Net.Http;
        using System.Net.Security;
        using System.Security.Authentication;
        using System.Security.Cryptography.X509Certificates;
        using System.Threading.Tasks;

        """;

    private static DiagnosticResult Expected(string sink, string members, int location = 0) =>
        V.Diagnostic(Descriptors.SS2008ObsoleteTlsProtocol).WithLocation(location).WithArguments(sink, members);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    private const string Tls10 = "SslProtocols.Tls (TLS 1.0)";
    private const string Tls11 = "SslProtocols.Tls11 (TLS 1.1)";

    // ---- positives ----

    [Test]
    public Task ServicePointManagerCombination() => Run("""
        static class Startup
        {
            public static void Init() =>
                ServicePointManager.SecurityProtocol = {|#0:SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12|};
        }
        """, Expected("ServicePointManager.SecurityProtocol", "SecurityProtocolType.Tls (TLS 1.0), SecurityProtocolType.Tls11 (TLS 1.1)"));

    [Test]
    public Task ServicePointManagerOrAssignment() => Run("""
        static class Startup
        {
            public static void Init()
            {
                ServicePointManager.SecurityProtocol |= {|#0:SecurityProtocolType.Ssl3|};
            }
        }
        """, Expected("ServicePointManager.SecurityProtocol", "SecurityProtocolType.Ssl3 (SSL 3.0)"));

    [Test]
    public Task HttpClientHandlerInitializer() => Run("""
        class TaxClient
        {
            public HttpClient Create() => new HttpClient(new HttpClientHandler { SslProtocols = {|#0:SslProtocols.Tls11 | SslProtocols.Tls12|} });
        }
        """, Expected("HttpClientHandler.SslProtocols", Tls11));

    [Test]
    public Task SslClientAuthenticationOptionsEnabledProtocols() => Run("""
        class WarehouseLink
        {
            public async Task ConnectAsync(SslStream stream, SocketsHttpHandler handler)
            {
                await stream.AuthenticateAsClientAsync(new SslClientAuthenticationOptions { TargetHost = "warehouse.example.com", EnabledSslProtocols = {|#0:SslProtocols.Tls|} });
                handler.SslOptions.EnabledSslProtocols = {|#1:SslProtocols.Default|};
            }
        }
        """,
        Expected("SslClientAuthenticationOptions.EnabledSslProtocols", Tls10, 0),
        Expected("SslClientAuthenticationOptions.EnabledSslProtocols", "SslProtocols.Default (SSL 3.0 and TLS 1.0)", 1));

    [Test]
    public Task AuthenticateAsClientArgument() => Run("""
        class LegacyPos
        {
            public void Connect(SslStream stream, X509CertificateCollection certificates) =>
                stream.AuthenticateAsClient("pos.example.com", certificates, {|#0:SslProtocols.Ssl3 | SslProtocols.Tls|}, false);
        }
        """, Expected("SslStream.AuthenticateAsClient", "SslProtocols.Ssl3 (SSL 3.0), " + Tls10));

    [Test]
    public Task KestrelHttpsDefaults() => Run("""
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Hosting;
        static class Hosting
        {
            public static void Configure(WebApplicationBuilder builder) =>
                builder.WebHost.ConfigureKestrel(kestrel => kestrel.ConfigureHttpsDefaults(https => https.SslProtocols = {|#0:SslProtocols.Tls11|}));
        }
        """, Expected("HttpsConnectionAdapterOptions.SslProtocols", Tls11));

    [Test]
    public Task ConditionalAndConstant() => Run("""
        class PartnerClient
        {
            private const SslProtocols Legacy = {|#0:SslProtocols.Tls|};
            public void Configure(HttpClientHandler handler, bool oldPartner)
            {
                var protocols = {|#1:oldPartner ? SslProtocols.Tls11 | SslProtocols.Tls12 : SslProtocols.Tls12|};
                handler.SslProtocols = protocols;
            }
        }
        """, Expected("PartnerClient.Legacy", Tls10, 0), Expected("protocols", Tls11, 1));

    // ---- near-miss negatives ----

    [Test]
    public Task ModernProtocols() => Run("""
        class Clients
        {
            public void Configure(HttpClientHandler handler, SslClientAuthenticationOptions options)
            {
                handler.SslProtocols = SslProtocols.Tls12 | SslProtocols.Tls13;
                options.EnabledSslProtocols = SslProtocols.None;
                ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls13;
            }
        }
        """);

    [Test]
    public Task ReadingTheNegotiatedProtocol() => Run("""
        class Diagnostics
        {
            public string Describe(SslStream stream)
            {
                if (stream.SslProtocol == SslProtocols.Tls || stream.SslProtocol.HasFlag(SslProtocols.Tls11))
                {
                    return "outdated";
                }

                switch (stream.SslProtocol)
                {
                    case SslProtocols.Ssl3:
                        return "ancient";
                }

                return stream.SslProtocol is SslProtocols.Tls13 ? "current" : "ok";
            }
        }
        """);

    [Test]
    public Task RemovingProtocols() => Run("""
        static class Hardening
        {
            public static void Apply()
            {
                ServicePointManager.SecurityProtocol &= ~SecurityProtocolType.Tls;
                ServicePointManager.SecurityProtocol &= ~(SecurityProtocolType.Ssl3 | SecurityProtocolType.Tls11);
            }
        }
        """);

    [Test]
    public Task MappingTableForDisplay() => Run("""
        static class ProtocolNames
        {
            public static readonly Dictionary<SslProtocols, string> Names = new()
            {
                [SslProtocols.Tls] = "TLS 1.0",
                [SslProtocols.Tls11] = "TLS 1.1",
                [SslProtocols.Tls12] = "TLS 1.2",
            };

            public static readonly Dictionary<string, SslProtocols> ByName = new()
            {
                { "TLS 1.0", SslProtocols.Tls },
                { "TLS 1.1", SslProtocols.Tls11 },
            };

            public static string Display(SslProtocols protocol) => protocol switch
            {
                SslProtocols.Tls => "TLS 1.0",
                SslProtocols.Tls11 => "TLS 1.1",
                _ => protocol.ToString(),
            };
        }
        """);

    [Test]
    public Task ListsAndLogging() => Run("""
        static class Audit
        {
            public static readonly SslProtocols[] Deprecated = { SslProtocols.Ssl3, SslProtocols.Tls, SslProtocols.Tls11 };
            public static void Log(TextWriter writer) => writer.WriteLine("Refusing {0}", SslProtocols.Tls11);
            public static string Name() => nameof(SslProtocols.Tls);
        }
        """);

    [Test]
    public Task LookAlikeEnumsAndFlagsStoredAsBool() => Run("""
        namespace Shop.Settings
        {
            public enum SslProtocols { None, Tls, Tls11, Tls12 }
            public class PartnerSettings
            {
                public SslProtocols Minimum { get; set; } = SslProtocols.Tls11;
                public bool LegacyNegotiated(SslStream stream) => stream.SslProtocol == System.Security.Authentication.SslProtocols.Tls;
            }
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class TaxClient
        {
            public void Configure(HttpClientHandler handler)
            {
                handler.SslProtocols = {|#0:SslProtocols.Tls11|};
                handler.SslProtocols = {|#1:SslProtocols.Tls | |};
                ServicePointManager.SecurityProtocol = SecurityProtocolType.;
            }
        """, Expected("HttpClientHandler.SslProtocols", Tls11, 0), Expected("HttpClientHandler.SslProtocols", Tls10, 1));

    // ---- code fix ----

    [Test]
    public Task FixDropsTheObsoleteFlags() => F.FixAsync(Usings + """
        class Transport
        {
            public void Configure(HttpClientHandler handler, SslClientAuthenticationOptions options, SslStream stream)
            {
                ServicePointManager.SecurityProtocol = {|#0:SecurityProtocolType.Tls | SecurityProtocolType.Tls11 | SecurityProtocolType.Tls12|};
                ServicePointManager.SecurityProtocol = {|#1:SecurityProtocolType.Tls11|};
                ServicePointManager.SecurityProtocol |= {|#2:SecurityProtocolType.Tls11|};
                ServicePointManager.SecurityProtocol |= {|#3:SecurityProtocolType.Tls11 | SecurityProtocolType.Tls13|};
                handler.SslProtocols = {|#4:SslProtocols.Default | SslProtocols.Tls12|};
                options.EnabledSslProtocols = {|#5:SslProtocols.Tls|};
                stream.AuthenticateAsClient("pos.example.com", null, {|#6:SslProtocols.Tls11|}, false);
            }
        }
        """, Usings + """
        class Transport
        {
            public void Configure(HttpClientHandler handler, SslClientAuthenticationOptions options, SslStream stream)
            {
                ServicePointManager.SecurityProtocol = SecurityProtocolType.Tls12;
                ServicePointManager.SecurityProtocol = SecurityProtocolType.SystemDefault;
                ServicePointManager.SecurityProtocol |= SecurityProtocolType.Tls13;
                handler.SslProtocols = SslProtocols.Tls12;
                options.EnabledSslProtocols = SslProtocols.None;
                stream.AuthenticateAsClient("pos.example.com", null, SslProtocols.None, false);
            }
        }
        """,
        Expected("ServicePointManager.SecurityProtocol", "SecurityProtocolType.Tls (TLS 1.0), SecurityProtocolType.Tls11 (TLS 1.1)", 0),
        Expected("ServicePointManager.SecurityProtocol", "SecurityProtocolType.Tls11 (TLS 1.1)", 1),
        Expected("ServicePointManager.SecurityProtocol", "SecurityProtocolType.Tls11 (TLS 1.1)", 2),
        Expected("ServicePointManager.SecurityProtocol", "SecurityProtocolType.Tls11 (TLS 1.1)", 3),
        Expected("HttpClientHandler.SslProtocols", "SslProtocols.Default (SSL 3.0 and TLS 1.0)", 4),
        Expected("SslClientAuthenticationOptions.EnabledSslProtocols", Tls10, 5),
        Expected("SslStream.AuthenticateAsClient", Tls11, 6));

    [Test]
    public Task NoFixForAChoiceOrAnEmbeddedStatement()
    {
        var source = Usings + """
            class Transport
            {
                public void Configure(HttpClientHandler handler, bool legacy)
                {
                    handler.SslProtocols = {|#0:legacy ? SslProtocols.Tls11 : SslProtocols.Tls12|};
                    if (legacy)
                        ServicePointManager.SecurityProtocol |= {|#1:SecurityProtocolType.Tls|};
                }
            }
            """;
        return F.FixAsync(source, source,
            Expected("HttpClientHandler.SslProtocols", Tls11, 0),
            Expected("ServicePointManager.SecurityProtocol", "SecurityProtocolType.Tls (TLS 1.0)", 1));
    }
}
