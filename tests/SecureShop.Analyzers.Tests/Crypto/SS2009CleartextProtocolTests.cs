using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2009CleartextProtocolAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2009CleartextProtocolTests
{
    private const string Usings = """
        using System;
        using System.Net;
        using System.Net.Http;
        using System.Net.Http.Json;
        using System.Net.Mail;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Hosting;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.DependencyInjection;
        using Microsoft.Extensions.Hosting;

        """;

    /// <summary>A stand-in for MailKit: the real namespace and shape, the package is not referenced.</summary>
    private const string MailKit = """

        namespace MailKit.Security { public enum SecureSocketOptions { None, Auto, SslOnConnect, StartTls, StartTlsWhenAvailable } }
        namespace MailKit.Net.Smtp
        {
            public class SmtpClient : System.IDisposable
            {
                public void Connect(string host, int port = 0, MailKit.Security.SecureSocketOptions options = MailKit.Security.SecureSocketOptions.Auto) { }
                public System.Threading.Tasks.Task ConnectAsync(string host, int port = 0, MailKit.Security.SecureSocketOptions options = MailKit.Security.SecureSocketOptions.Auto) => System.Threading.Tasks.Task.CompletedTask;
                public void Dispose() { }
            }
        }
        """;

    private static DiagnosticResult Http(string api, string origin, int location = 0) =>
        V.Diagnostic(Descriptors.SS2009CleartextProtocol).WithLocation(location).WithArguments(api + " (" + origin + ")", "HTTP", "https://");

    private static DiagnosticResult Mail(string what, string protocol = "SMTP", string instead = "EnableSsl = true", int location = 0) =>
        V.Diagnostic(Descriptors.SS2009CleartextProtocol).WithLocation(location).WithArguments(what, protocol, instead);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task HttpClientGetAsyncLiteral() => Run("""
        class ShippingRates
        {
            Task<HttpResponseMessage> Quote(HttpClient http) => http.GetAsync({|#0:"http://rates.carrier.example/v1/quote?zip=10115"|});
        }
        """, Http("HttpClient.GetAsync", "http://rates.carrier.example"));

    [Test]
    public Task BaseAddressInAddHttpClient() => Run("""
        class TaxSetup
        {
            void Configure(IServiceCollection services) =>
                services.AddHttpClient("tax", c => c.BaseAddress = {|#0:new Uri("http://api.tax.example/")|});
        }
        """, Http("HttpClient.BaseAddress", "http://api.tax.example"));

    [Test]
    public Task HttpRequestMessageWithStaticReadonlyField() => Run("""
        class FraudCheck
        {
            private static readonly Uri Endpoint = new Uri("http://fraud.partner.example/score");
            Task<HttpResponseMessage> Score(HttpClient http) =>
                http.SendAsync(new HttpRequestMessage(HttpMethod.Post, {|#0:Endpoint|}));
        }
        """, Http("HttpRequestMessage", "http://fraud.partner.example"));

    [Test]
    public Task InterpolatedStringThatNamesTheHost() => Run("""
        class TaxRates
        {
            Task<string> Rate(HttpClient http, string zip) => http.GetStringAsync({|#0:$"http://api.tax.example/rates/{zip}"|});
        }
        """, Http("HttpClient.GetStringAsync", "http://api.tax.example"));

    [Test]
    public Task LocalFollowedOneStepToJsonExtension() => Run("""
        record Order(int Id);
        class Fulfilment
        {
            const string Warehouse = "http://wms.warehouse.example";
            Task<HttpResponseMessage> Ship(HttpClient http, Order order)
            {
                var url = Warehouse + "/orders";
                return http.PostAsJsonAsync({|#0:url|}, order);
            }
        }
        """, Http("HttpClient.PostAsJsonAsync", "http://wms.warehouse.example"));

    [Test]
    public Task RequestUriAssignmentFromConstant() => Run("""
        class Feed
        {
            const string FeedUrl = "http://user:secret@feeds.supplier.example:8080/products.xml";
            HttpRequestMessage Build() => new HttpRequestMessage { Method = HttpMethod.Get, RequestUri = {|#0:new Uri(FeedUrl)|} };
        }
        """, Http("HttpRequestMessage.RequestUri", "http://feeds.supplier.example"));

    [Test]
    public Task FtpWebRequest() => Run("""
        class StockImport
        {
            WebResponse Fetch()
            {
        #pragma warning disable SYSLIB0014
                var request = (FtpWebRequest)WebRequest.Create({|#0:"ftp://files.supplier.example/stock.csv"|});
        #pragma warning restore SYSLIB0014
                request.Method = WebRequestMethods.Ftp.DownloadFile;
                return request.GetResponse();
            }
        }
        """, V.Diagnostic(Descriptors.SS2009CleartextProtocol).WithLocation(0)
            .WithArguments("WebRequest.Create (ftp://files.supplier.example)", "FTP", "FTPS (FtpWebRequest.EnableSsl = true) or SFTP"));

    [Test]
    public Task WebClientDownloadString() => Run("""
        class CurrencyRates
        {
        #pragma warning disable SYSLIB0014
            string Today() => new WebClient().DownloadString({|#0:"http://fx.bank.example/eur.xml"|});
        #pragma warning restore SYSLIB0014
        }
        """, Http("WebClient.DownloadString", "http://fx.bank.example"));

    [Test]
    public Task SmtpEnableSslFalse() => Run("""
        class Notifications
        {
            SmtpClient Create(IConfiguration config) => new SmtpClient(config["Smtp:Host"]) { {|#0:EnableSsl = false|}, Port = 25 };
        }
        """, Mail("SmtpClient with EnableSsl = false"));

    [Test]
    public Task SmtpEnableSslFalseOnField() => Run("""
        class Notifications
        {
            private readonly SmtpClient _smtp = new SmtpClient();
            void Init() => {|#0:_smtp.EnableSsl = false|};
        }
        """, Mail("SmtpClient with EnableSsl = false"));

    [Test]
    public Task SmtpClientSentWithoutEnableSsl() => Run("""
        class OrderMailer
        {
            void Confirm(MailMessage message)
            {
                using var smtp = {|#0:new SmtpClient("smtp.mailhost.example", 587)|};
                smtp.Credentials = new NetworkCredential("shop", "pw");
                smtp.Send(message);
            }
        }
        """, Mail("SmtpClient to smtp.mailhost.example without EnableSsl"));

    [Test]
    public Task MailKitWithoutTls() => V.AnalyzerAsync(Usings + """
        class Newsletter
        {
            void Open(MailKit.Net.Smtp.SmtpClient client) => client.Connect("smtp.mailhost.example", 25, {|#0:MailKit.Security.SecureSocketOptions.None|});
        }
        """ + MailKit, Mail("SmtpClient.Connect with SecureSocketOptions.None", "SMTP", "SecureSocketOptions.StartTls or SslOnConnect"));

    [Test]
    public Task NamesThatOnlyLookInternal() => Run("""
        class Gateways
        {
            async Task Call(HttpClient http)
            {
                await http.GetAsync({|#0:"http://basket-api.shop.example/api/v1/basket"|});
                await http.GetAsync({|#1:"http://catalog.internal.shop.example/items"|});
                await http.GetAsync({|#2:"http://local.payments.example/charge"|});
            }
        }
        """,
        Http("HttpClient.GetAsync", "http://basket-api.shop.example", 0),
        Http("HttpClient.GetAsync", "http://catalog.internal.shop.example", 1),
        Http("HttpClient.GetAsync", "http://local.payments.example", 2));

    // ---- negatives ----

    [Test]
    public Task ServiceDiscoveryNamesStayInTheCluster() => Run("""
        class Gateways
        {
            async Task Call(HttpClient http, IServiceCollection services)
            {
                await http.GetAsync("http://basket-api/api/v1/basket");
                await http.GetAsync("http://ordering-api.shop.svc.cluster.local/api/orders");
                await http.GetAsync("http://catalog.shop.svc/items");
                await http.GetAsync("http://identity.internal/connect/token");
                await http.GetAsync("http://printer.local/label");
                services.AddHttpClient("basket", c => c.BaseAddress = new Uri("http://basket-api:8080/"));
                using var smtp = new SmtpClient("mailhog", 1025);
                smtp.Send(new MailMessage("shop@shop.example", "dev@shop.example", "s", "b"));
            }
        }
        """);

    [Test]
    public Task HttpsAndLoopbackStayClean() => Run("""
        class Clients
        {
            async Task Call(HttpClient http)
            {
                await http.GetAsync("https://rates.carrier.example/v1/quote");
                await http.GetAsync("http://localhost:5000/health");
                await http.GetAsync("http://127.0.0.1:8080/metrics");
                await http.GetAsync("http://[::1]/ping");
                http.BaseAddress = new Uri("https://api.tax.example/");
            }
        }
        """);

    [Test]
    public Task HttpLiteralsThatAreNotRequestTargets() => Run("""
        using System.Collections.Generic;
        using System.Xml.Linq;
        using Microsoft.AspNetCore.Mvc;

        class Documents : ControllerBase
        {
            static readonly XNamespace Xsd = "http://www.w3.org/2001/XMLSchema";
            const string SchemaId = "http://shop.example/schemas/order.json";

            [HttpGet("http-status")]
            public object Get() => new Dictionary<string, object> { ["@context"] = "http://schema.org", ["@type"] = "Product", ["$schema"] = SchemaId };

            string Body() => "Track your parcel at http://track.carrier.example/123";

            string Upgrade(string url) => url.StartsWith("http://") ? "https://" + url.Substring(7) : url;

            void Mail(MailMessage m) => m.Body = "See http://shop.example/terms";
        }
        """);

    [Test]
    public Task DevelopmentOnlyEndpoint() => Run("""
        class Setup
        {
            void Configure(IServiceCollection services, IWebHostEnvironment env)
            {
                services.AddHttpClient("stock", c =>
                {
                    if (env.IsDevelopment())
                    {
                        c.BaseAddress = new Uri("http://stock.dev.internal/");
                    }
                    else
                    {
                        c.BaseAddress = new Uri("https://stock.shop.example/");
                    }
                });
            }
        }
        """);

    [Test]
    public Task UrlsFromConfigurationOrReassignedOrHostUnknown() => Run("""
        class Carrier
        {
            async Task Call(HttpClient http, IConfiguration config, string host, bool secure)
            {
                await http.GetAsync(config["Carrier:Url"]);
                await http.GetAsync($"http://{host}/quote");
                var url = "http://rates.carrier.example/quote";
                if (secure)
                {
                    url = "https://rates.carrier.example/quote";
                }

                await http.GetAsync(url);
            }
        }
        """);

    [Test]
    public Task SmtpWithTlsOrLoopbackOrConfiguredElsewhere() => Run("""
        class Mailers
        {
            void Send(MailMessage m, IConfiguration config)
            {
                using var secure = new SmtpClient("smtp.mailhost.example") { EnableSsl = true };
                secure.Send(m);

                using var relay = new SmtpClient("localhost", 25) { EnableSsl = false };
                relay.Send(m);

                using var configured = new SmtpClient("smtp.mailhost.example");
                configured.EnableSsl = bool.Parse(config["Smtp:Tls"]!);
                configured.Send(m);

                using var fromConfig = new SmtpClient(config["Smtp:Host"]);
                fromConfig.Send(m);

                using var pickup = new SmtpClient("smtp.mailhost.example") { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = "/var/mail-out", EnableSsl = false };
                pickup.Send(m);
            }

            SmtpClient Factory() => new SmtpClient("smtp.mailhost.example");

            void Hand(MailMessage m)
            {
                var smtp = new SmtpClient("smtp.mailhost.example");
                Configure(smtp);
                smtp.Send(m);
            }

            void Configure(SmtpClient smtp) => smtp.EnableSsl = true;
        }
        """);

    [Test]
    public Task FtpsAndMailKitStartTls() => V.AnalyzerAsync(Usings + """
        class Secure
        {
            WebResponse Fetch()
            {
        #pragma warning disable SYSLIB0014
                var request = (FtpWebRequest)WebRequest.Create("ftp://files.supplier.example/stock.csv");
        #pragma warning restore SYSLIB0014
                request.EnableSsl = true;
                return request.GetResponse();
            }

            void Open(MailKit.Net.Smtp.SmtpClient client, IHostEnvironment env)
            {
                client.Connect("smtp.mailhost.example", 587, MailKit.Security.SecureSocketOptions.StartTls);
                client.Connect("localhost", 25, MailKit.Security.SecureSocketOptions.None);
                if (env.IsDevelopment())
                {
                    client.Connect("mailpit.dev.internal", 1025, MailKit.Security.SecureSocketOptions.None);
                }
            }
        }
        """ + MailKit);

    // ---- broken code ----

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class Broken
        {
            void M(HttpClient http, SmtpClient smtp)
            {
                http.GetAsync({|#0:"http://rates.carrier.example/q"|});
                smtp.EnableSsl = ;
                new Uri("http://
                WebRequest.Create(
            }
        """, Http("HttpClient.GetAsync", "http://rates.carrier.example"));
}
