using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.CardData.SS1005CardDataInUrlAnalyzer>;

namespace SecureShop.Analyzers.Tests.CardData;

public class SS1005CardDataInUrlTests
{
    private static DiagnosticResult Expected(int location, string name, string sink) =>
        V.Diagnostic(Descriptors.SS1005CardDataInUrl).WithLocation(location).WithArguments(name, sink);

    // ---- positives ----

    [Test]
    public Task RedirectWithCardInQuery() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        public class PayController : Controller
        {
            [HttpPost] public IActionResult Pay([FromForm] string cardNumber) => Redirect({|#0:$"/confirm?card={cardNumber}"|});
        }
        """, Expected(0, "cardNumber", "a redirect"));

    [Test]
    public Task RedirectToActionRouteValues() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        public class PaymentForm { public string CardNumber { get; set; } = ""; }
        public class PayController : Controller
        {
            [HttpPost] public IActionResult Pay([FromForm] PaymentForm form) => RedirectToAction("Confirm", {|#0:new { pan = form.CardNumber }|});
        }
        """, Expected(0, "pan", "a redirect"));

    [Test]
    public Task GetActionParameterFromQuery() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        public class CardsController : ControllerBase
        {
            [HttpGet("lookup")] public IActionResult Lookup(string {|#0:cardNumber|}) => Ok();
            [HttpPost("verify")] public IActionResult Verify([FromQuery] string {|#1:cvv|}) => Ok();
        }
        """,
        Expected(0, "cardNumber", "the query string or route of action CardsController.Lookup"),
        Expected(1, "cvv", "the query string or route of action CardsController.Verify"));

    [Test]
    public Task CookieWithCardNumber() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Http;
        class Remember
        {
            void Save(HttpResponse response, string creditCardNumber) => response.Cookies.Append("card", {|#0:creditCardNumber|});
        }
        """, Expected(0, "creditCardNumber", "a cookie"));

    [Test]
    public Task HttpClientRequestUrl() => V.AnalyzerAsync("""
        class Lookup
        {
            async System.Threading.Tasks.Task Check(System.Net.Http.HttpClient http, string pan) =>
                await http.GetStringAsync({|#0:"https://bin.example.com/check?pan=" + pan|});
        }
        """, Expected(0, "pan", "a request URL"));

    [Test]
    public Task UriAndQueryHelpers() => V.AnalyzerAsync("""
        class Links
        {
            System.Uri Make(string cardNo) => new System.Uri({|#0:$"https://shop.example.com/pay?c={cardNo}"|});
            string Query(string cardNo) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("/pay", "c", {|#1:cardNo|});
        }
        """, Expected(0, "cardNo", "a URL"), Expected(1, "cardNo", "a query string"));

    [Test]
    public Task ResponseRedirectWithLocal() => V.AnalyzerAsync("""
        class Legacy
        {
            void Go(Microsoft.AspNetCore.Http.HttpResponse response, string cardNumber)
            {
                var target = string.Concat("/pay/", cardNumber);
                response.Redirect({|#0:target|});
            }
        }
        """, Expected(0, "cardNumber", "a redirect"));

    // ---- near misses ----

    [Test]
    public Task PostedInTheBody() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        public class PaymentForm { public string CardNumber { get; set; } = ""; }
        public class PayController : ControllerBase
        {
            [HttpPost] public IActionResult Pay([FromBody] PaymentForm form, string cardNumber) => Ok();
            [HttpGet] public IActionResult Find([FromHeader] string cardToken, [FromBody] string cardNumber) => Ok();
        }
        """);

    [Test]
    public Task RedirectWithOrderIdOrToken() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        public class PayController : Controller
        {
            [HttpPost] public IActionResult Pay(int orderId, string paymentToken, string last4) =>
                RedirectToAction("Confirm", new { orderId, paymentToken, last4 });
        }
        """);

    [Test]
    public Task CookieWithMaskedNumber() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Http;
        class Remember
        {
            static string Mask(string s) => "****" + s[^4..];
            void Save(HttpResponse response, string cardNumber) => response.Cookies.Append("card", Mask(cardNumber));
        }
        """);

    [Test]
    public Task HttpBodyIsNotTheUrl() => V.AnalyzerAsync("""
        class Gateway
        {
            async System.Threading.Tasks.Task Send(System.Net.Http.HttpClient http, string cardNumber) =>
                await http.PostAsync("https://gateway.example.com/pay", new System.Net.Http.StringContent(cardNumber));
        }
        """);

    [Test]
    public Task GetActionWithoutCardParameters() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        public class CardsController : ControllerBase
        {
            [HttpGet("{id}")] public IActionResult Get(int id, string cardBrand, string giftCardNumber) => Ok();
        }
        """);

    [Test]
    public Task SecurityCodeTypedAsBoolIsNotCardData() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Mvc;
        public class CardsController : ControllerBase
        {
            [HttpGet] public IActionResult Get(bool cvvMatched, System.DateTime cardExpiry) => Ok();
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using Microsoft.AspNetCore.Mvc;
        public class PayController : Controller
        {
            public IActionResult Pay(string cardNumber) => Redirect({|#0:"/c?" + cardNumber|});
            public IActionResult Broken( => Redirect("/c?" + 
        }
        """, Expected(0, "cardNumber", "a redirect"));
}
