using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.PersonalData.SS5002PersonalDataToAnalyticsAnalyzer>;

namespace SecureShop.Analyzers.Tests.PersonalData;

public class SS5002PersonalDataToAnalyticsTests
{
    private const string Stubs = """
        using System.Collections.Generic;
        namespace Microsoft.ApplicationInsights
        {
            public class TelemetryClient
            {
                public void TrackEvent(string eventName, IDictionary<string, string>? properties = null) { }
                public void TrackTrace(string message) { }
            }
        }
        namespace Segment
        {
            public class Client
            {
                public void Identify(string userId, IDictionary<string, object> traits) { }
                public void Track(string userId, string eventName, IDictionary<string, object>? properties = null) { }
            }
        }
        namespace Mixpanel
        {
            public class MixpanelClient
            {
                public System.Threading.Tasks.Task<bool> PeopleSetAsync(object distinctId, object props) => System.Threading.Tasks.Task.FromResult(true);
            }
        }
        public class Customer
        {
            public string Id { get; set; } = "";
            public string Email { get; set; } = "";
            public string Phone { get; set; } = "";
            public System.DateTime BirthDate { get; set; }
            public bool EmailConfirmed { get; set; }
            public string EmailDomain { get; set; } = "";
            public string Country { get; set; } = "";
        }
        """;

    private static DiagnosticResult Expected(string name, string sink) =>
        V.Diagnostic(Descriptors.SS5002PersonalDataToAnalytics).WithLocation(0).WithArguments(name, sink);

    // ---- positives ----

    [Test]
    public Task EmailInApplicationInsightsEventProperties() => V.AnalyzerAsync(Stubs + """
        class Checkout
        {
            void Done(Microsoft.ApplicationInsights.TelemetryClient telemetry, Customer c) =>
                telemetry.TrackEvent("OrderPlaced", {|#0:new Dictionary<string, string> { ["customer"] = c.Email }|});
        }
        """, Expected("customer", "telemetry (TrackEvent)"));

    [Test]
    public Task PhoneInATrace() => V.AnalyzerAsync(Stubs + """
        class Sms
        {
            void Sent(Microsoft.ApplicationInsights.TelemetryClient telemetry, Customer c) => telemetry.TrackTrace({|#0:$"SMS sent to {c.Phone}"|});
        }
        """, Expected("Phone", "telemetry (TrackTrace)"));

    [Test]
    public Task SegmentIdentifiedByEmail() => V.AnalyzerAsync(Stubs + """
        class Analytics
        {
            void SignedUp(Segment.Client segment, Customer c) => segment.Identify({|#0:c.Email|}, new Dictionary<string, object>());
        }
        """, Expected("Email", "Segment analytics (Identify)"));

    [Test]
    public Task SegmentTraitsWithBirthDate() => V.AnalyzerAsync(Stubs + """
        class Analytics
        {
            void SignedUp(Segment.Client segment, Customer c) =>
                segment.Track(c.Id, "SignedUp", {|#0:new Dictionary<string, object> { { "born", c.BirthDate } }|});
        }
        """, Expected("BirthDate", "Segment analytics (Track)"));

    [Test]
    public Task MixpanelPeopleProfile() => V.AnalyzerAsync(Stubs + """
        class Analytics
        {
            async System.Threading.Tasks.Task Profile(Mixpanel.MixpanelClient mixpanel, Customer c) =>
                await mixpanel.PeopleSetAsync(c.Id, {|#0:new { Email = c.Email }|});
        }
        """, Expected("Email", "Mixpanel analytics (PeopleSetAsync)"));

    [Test]
    public Task ActivityTag() => V.AnalyzerAsync(Stubs + """
        class Tracing
        {
            void Tag(System.Diagnostics.Activity activity, string customerEmail) => activity.SetTag("customer.email", {|#0:customerEmail|});
        }
        """, Expected("customerEmail", "telemetry (Activity) (SetTag)"));

    [Test]
    public Task ClientIpAsBaggage() => V.AnalyzerAsync(Stubs + """
        class Tracing
        {
            void Tag(System.Diagnostics.Activity activity, Microsoft.AspNetCore.Http.HttpContext http) =>
                activity.SetBaggage("ip", {|#0:http.Connection.RemoteIpAddress!.ToString()|});
        }
        """, Expected("RemoteIpAddress", "telemetry (Activity) (SetBaggage)"));

    // ---- near misses ----

    [Test]
    public Task PseudonymousIdsAndFlags() => V.AnalyzerAsync(Stubs + """
        class Analytics
        {
            void SignedUp(Segment.Client segment, Microsoft.ApplicationInsights.TelemetryClient telemetry, Customer c)
            {
                segment.Identify(c.Id, new Dictionary<string, object> { { "confirmed", c.EmailConfirmed }, { "country", c.Country } });
                telemetry.TrackEvent("SignedUp", new Dictionary<string, string> { ["domain"] = c.EmailDomain });
            }
        }
        """);

    [Test]
    public Task HashedEmail() => V.AnalyzerAsync(Stubs + """
        static class Pseudonym { public static string HashEmail(string e) => "#"; }
        class Analytics
        {
            void SignedUp(Segment.Client segment, Customer c) => segment.Identify(Pseudonym.HashEmail(c.Email), new Dictionary<string, object>());
        }
        """);

    [Test]
    public Task EventNamesAboutPersonalData() => V.AnalyzerAsync(Stubs + """
        class Analytics
        {
            void Changed(Microsoft.ApplicationInsights.TelemetryClient telemetry, bool emailSent, string emailTemplate) =>
                telemetry.TrackEvent("EmailChanged", new Dictionary<string, string> { ["template"] = emailTemplate, ["sent"] = emailSent.ToString() });
        }
        """);

    [Test]
    public Task NotAnAnalyticsCall() => V.AnalyzerAsync(Stubs + """
        class Orders
        {
            Dictionary<string, string> Props(Customer c) => new Dictionary<string, string> { ["email"] = c.Email };
        }
        """);

    [Test]
    public Task ActivityTagsWithoutPersonalData() => V.AnalyzerAsync(Stubs + """
        class Tracing
        {
            void Tag(System.Diagnostics.Activity activity, Customer c, int orderId) { activity.SetTag("customer.id", c.Id); activity.SetTag("order", orderId); }
        }
        """);

    [Test]
    public Task ShopSettingsSentAsTelemetry() => V.AnalyzerAsync(Stubs + """
        public class StoreSettings { public string Email { get; set; } = ""; }
        class Tracing
        {
            void Tag(System.Diagnostics.Activity activity, StoreSettings settings, string senderEmail) { activity.SetTag("store", settings.Email); activity.SetTag("sender", senderEmail); }
        }
        """);

    [Test]
    public Task SyntaxErrorsDoNotThrow() => V.SyntaxErrorsAsync(Stubs + """
        class Broken
        {
            void M(System.Diagnostics.Activity a, Customer c) { a.SetTag("e", {|#0:c.Email|}
        }
        """, Expected("Email", "telemetry (Activity) (SetTag)"));
}
