using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.CardData.SS1008CardDataToUnencryptedSinkAnalyzer>;

namespace SecureShop.Analyzers.Tests.CardData;

public class SS1008CardDataToUnencryptedSinkTests
{
    private const string Telemetry = """
        namespace Microsoft.ApplicationInsights
        {
            public class TelemetryClient
            {
                public void TrackEvent(string eventName, System.Collections.Generic.IDictionary<string, string>? properties = null) { }
                public void TrackTrace(string message) { }
            }
        }
        """;

    private static DiagnosticResult Expected(int location, string name, string sink) =>
        V.Diagnostic(Descriptors.SS1008CardDataToUnencryptedSink).WithLocation(location).WithArguments(name, sink);

    // ---- positives ----

    [Test]
    public Task PostToPlainHttp() => V.AnalyzerAsync("""
        class Gateway
        {
            async System.Threading.Tasks.Task Send(System.Net.Http.HttpClient http, string cardNumber) =>
                await http.PostAsync("http://payments.example.com/charge", {|#0:new System.Net.Http.StringContent(cardNumber)|});
        }
        """, Expected(0, "cardNumber", "an http:// address (PostAsync)"));

    [Test]
    public Task PostAsJsonObjectToPlainHttpUri() => V.AnalyzerAsync("""
        using System.Net.Http.Json;
        public class ChargeRequest { public string Pan { get; set; } = ""; public decimal Amount { get; set; } }
        class Gateway
        {
            async System.Threading.Tasks.Task Send(System.Net.Http.HttpClient http, ChargeRequest request) =>
                await http.PostAsJsonAsync(new System.Uri("http://10.0.0.5/charge"), {|#0:request|});
        }
        """, Expected(0, "request.Pan", "an http:// address (PostAsJsonAsync)"));

    [Test]
    public Task PostToPlainHttpUrlHeldInALocal() => V.AnalyzerAsync("""
        class Gateway
        {
            async System.Threading.Tasks.Task Send(System.Net.Http.HttpClient http, string cardNumber)
            {
                var chargeUrl = "http://payments.example.com/charge";
                await http.PostAsync(chargeUrl, {|#0:new System.Net.Http.StringContent(cardNumber)|});
            }
        }
        """, Expected(0, "cardNumber", "an http:// address (PostAsync)"));

    [Test]
    public Task MailMessageBody() => V.AnalyzerAsync("""
        class Receipts
        {
            void Send(string cardNumber)
            {
                var mail = new System.Net.Mail.MailMessage();
                mail.Body = {|#0:$"Thanks! Card used: {cardNumber}"|};
            }
        }
        """, Expected(0, "cardNumber", "an e-mail (Body)"));

    [Test]
    public Task SmtpSendWithCvv() => V.AnalyzerAsync("""
        class Receipts
        {
            void Send(System.Net.Mail.SmtpClient smtp, string cvv) => smtp.Send("shop@example.com", "ops@example.com", "card check", {|#0:"cvv " + cvv|});
        }
        """, Expected(0, "cvv", "an e-mail (Send)"));

    [Test]
    public Task MailMessageConstructor() => V.AnalyzerAsync("""
        public class Order { public string CreditCardNumber { get; set; } = ""; }
        class Receipts
        {
            System.Net.Mail.MailMessage Build(Order order) => new System.Net.Mail.MailMessage("a@example.com", "b@example.com", "Receipt", {|#0:order.CreditCardNumber|});
        }
        """, Expected(0, "CreditCardNumber", "an e-mail"));

    [Test]
    public Task ApplicationInsightsEventProperties() => V.AnalyzerAsync(Telemetry + """
        class Analytics
        {
            void Track(Microsoft.ApplicationInsights.TelemetryClient telemetry, string cardNumber) =>
                telemetry.TrackEvent("checkout", {|#0:new System.Collections.Generic.Dictionary<string, string> { ["card"] = cardNumber }|});
        }
        """, Expected(0, "card", "telemetry (TrackEvent)"));

    [Test]
    public Task ActivityTag() => V.AnalyzerAsync("""
        class Tracing
        {
            void Tag(System.Diagnostics.Activity activity, string pan) => activity.SetTag("payment.card", {|#0:pan|});
        }
        """, Expected(0, "pan", "telemetry (Activity) (SetTag)"));

    // ---- near misses ----

    [Test]
    public Task PostToHttps() => V.AnalyzerAsync("""
        class Gateway
        {
            async System.Threading.Tasks.Task Send(System.Net.Http.HttpClient http, string cardNumber) =>
                await http.PostAsync("https://payments.example.com/charge", new System.Net.Http.StringContent(cardNumber));
        }
        """);

    [Test]
    public Task PostToLoopbackHttp() => V.AnalyzerAsync("""
        class Gateway
        {
            async System.Threading.Tasks.Task Send(System.Net.Http.HttpClient http, string cardNumber) =>
                await http.PostAsync("http://localhost:5000/dev-charge", new System.Net.Http.StringContent(cardNumber));
        }
        """);

    [Test]
    public Task PlainHttpWithoutCardData() => V.AnalyzerAsync("""
        class Gateway
        {
            async System.Threading.Tasks.Task Send(System.Net.Http.HttpClient http, string orderId, string paymentToken) =>
                await http.PostAsync("http://warehouse.example.com/ship", new System.Net.Http.StringContent(orderId + paymentToken));
        }
        """);

    [Test]
    public Task MailWithLast4() => V.AnalyzerAsync("""
        class Receipts
        {
            void Send(string last4, string cardholderName)
            {
                var mail = new System.Net.Mail.MailMessage();
                mail.Body = $"Dear {cardholderName}, we charged the card ending {last4}.";
                mail.Subject = "Your receipt";
            }
        }
        """);

    [Test]
    public Task TelemetryWithMaskedNumberAndBrand() => V.AnalyzerAsync(Telemetry + """
        class Analytics
        {
            static string MaskPan(string pan) => "****" + pan[^4..];
            void Track(Microsoft.ApplicationInsights.TelemetryClient telemetry, System.Diagnostics.Activity activity, string cardNumber, string cardBrand)
            {
                telemetry.TrackTrace("card " + MaskPan(cardNumber));
                activity.SetTag("payment.brand", cardBrand);
            }
        }
        """);

    [Test]
    public Task MailToSubjectNamedCard() => V.AnalyzerAsync("""
        class Receipts
        {
            void Send(System.Net.Mail.SmtpClient smtp) => smtp.Send("shop@example.com", "ops@example.com", "Card number change", "A customer changed their card.");
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        class Tracing
        {
            void Tag(System.Diagnostics.Activity activity, string pan) => activity.SetTag("card", {|#0:pan|});
            void Broken(System.Diagnostics.Activity activity, string pan) => activity.SetTag("card", {|#1:pan|}
        """, Expected(0, "pan", "telemetry (Activity) (SetTag)"), Expected(1, "pan", "telemetry (Activity) (SetTag)"));
}
