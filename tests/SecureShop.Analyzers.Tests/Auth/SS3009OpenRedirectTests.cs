using Microsoft.CodeAnalysis.Testing;
using F = SecureShop.Analyzers.Tests.Infrastructure.VerifyFix<SecureShop.Analyzers.Auth.SS3009OpenRedirectAnalyzer, SecureShop.Analyzers.CodeFixes.Auth.SS3009LocalRedirectCodeFix>;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3009OpenRedirectAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3009OpenRedirectTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        """;

    private static DiagnosticResult Expected(string method, string source, int location = 0) =>
        V.Diagnostic(Descriptors.SS3009OpenRedirect).WithLocation(location).WithArguments(method, source);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task ActionParameter() => Run("""
        public class AccountController : Controller
        {
            public IActionResult LoggedIn(string returnUrl) => {|#0:Redirect(returnUrl)|};
        }
        """, Expected("ControllerBase.Redirect", "parameter 'returnUrl'"));

    [Test]
    public Task QueryStringThroughLocal() => Run("""
        public class CheckoutController : Controller
        {
            public IActionResult Done()
            {
                var next = Request.Query["next"].ToString();
                return {|#0:RedirectPermanent(next)|};
            }
        }
        """, Expected("ControllerBase.RedirectPermanent", "Request.Query"));

    [Test]
    public Task ResponseRedirectFromForm() => Run("""
        public class PaymentController : Controller
        {
            public void Back() => {|#0:Response.Redirect(Request.Form["back"])|};
        }
        """, Expected("HttpResponse.Redirect", "Request.Form"));

    [Test]
    public Task MinimalApiResultsRedirect() => Run("""
        public static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/go", (string to) => {|#0:Results.Redirect(to)|});
        }
        """, Expected("Results.Redirect", "parameter 'to'"));

    [Test]
    public Task PageHandlerWithInterpolation() => Run("""
        public class LoginModel : PageModel
        {
            public IActionResult OnPost(string returnUrl) => {|#0:Redirect($"{returnUrl}?welcome=1")|};
        }
        """, Expected("PageModel.Redirect", "parameter 'returnUrl'"));

    [Test]
    public Task CoalesceWithDefault() => Run("""
        public class AccountController : Controller
        {
            public IActionResult Logout(string? returnUrl) => {|#0:Redirect(returnUrl ?? "/")|};
        }
        """, Expected("ControllerBase.Redirect", "parameter 'returnUrl'"));

    [Test]
    public Task RouteValue() => Run("""
        public class OrdersController : Controller
        {
            public IActionResult Jump() => {|#0:RedirectPreserveMethod((string)RouteData.Values["target"]!)|};
        }
        """, Expected("ControllerBase.RedirectPreserveMethod", "route values"));

    // ---- near-miss negatives ----

    [Test]
    public Task LocalRedirectIsSafe() => Run("""
        public class AccountController : Controller
        {
            public IActionResult LoggedIn(string returnUrl) => LocalRedirect(returnUrl);
        }
        """);

    [Test]
    public Task CheckedWithIsLocalUrl() => Run("""
        public class AccountController : Controller
        {
            public IActionResult LoggedIn(string returnUrl)
            {
                if (Url.IsLocalUrl(returnUrl)) return Redirect(returnUrl);
                return RedirectToAction("Index", "Home");
            }
        }
        """);

    [Test]
    public Task ConstantPrefixPath() => Run("""
        public class OrdersController : Controller
        {
            public IActionResult Show(string id) => Redirect("/orders/" + id);
            public IActionResult Track(string id) => Redirect($"/orders/{id}/tracking");
        }
        """);

    [Test]
    public Task ConstantUrl() => Run("""
        public class HomeController : Controller
        {
            private const string Shop = "https://shop.example/";
            public IActionResult Go() => Redirect(Shop);
        }
        """);

    [Test]
    public Task NonActionHelperParameter() => Run("""
        public class HomeController : Controller
        {
            [NonAction] public IActionResult To(string url) => Redirect(url);
        }
        """);

    [Test]
    public Task ServerSideValueInLocal() => Run("""
        public class PaymentController : Controller
        {
            public IActionResult Pay(int orderId)
            {
                string gateway = GatewayUrl(orderId);
                return Redirect(gateway);
            }
            private static string GatewayUrl(int id) => "https://pay.example/" + id;
        }
        """);

    [Test]
    public Task RedirectToActionIsNotAUrl() => Run("""
        public class AccountController : Controller
        {
            public IActionResult Done(string returnUrl) => RedirectToAction(returnUrl);
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        public class AccountController : Controller
        {
            public IActionResult LoggedIn(string returnUrl) => {|#0:Redirect(returnUrl)|};
            public IActionResult Broken(string x) => Redirect(x +;
        """, Expected("ControllerBase.Redirect", "parameter 'returnUrl'"));

    // ---- code fix ----

    [Test]
    public Task FixUsesLocalRedirectEverywhere() => F.FixAsync(Usings + """
        public class AccountController : Controller
        {
            public IActionResult LoggedIn(string returnUrl) => {|#0:Redirect(returnUrl)|};
            public IActionResult Moved(string returnUrl) => {|#1:RedirectPermanent(returnUrl)|};
        }
        public static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/go", (string to) => {|#2:Results.Redirect(to)|});
        }
        """, Usings + """
        public class AccountController : Controller
        {
            public IActionResult LoggedIn(string returnUrl) => LocalRedirect(returnUrl);
            public IActionResult Moved(string returnUrl) => LocalRedirectPermanent(returnUrl);
        }
        public static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/go", (string to) => Results.LocalRedirect(to));
        }
        """,
        Expected("ControllerBase.Redirect", "parameter 'returnUrl'", 0),
        Expected("ControllerBase.RedirectPermanent", "parameter 'returnUrl'", 1),
        Expected("Results.Redirect", "parameter 'to'", 2));

    [Test]
    public Task NoFixForResponseRedirect()
    {
        var source = Usings + """
            public class PaymentController : Controller
            {
                public void Back() => {|#0:Response.Redirect(Request.Form["back"])|};
            }
            """;
        return F.FixAsync(source, source, Expected("HttpResponse.Redirect", "Request.Form"));
    }

    // ---- request data in more shapes ----

    [Test]
    public Task MemberOfBoundModel() => Run("""
        public class LoginViewModel { public string Email { get; set; } = ""; public string ReturnUrl { get; set; } = ""; }
        public class AccountController : Controller
        {
            [HttpPost]
            public IActionResult Login(LoginViewModel model) => {|#0:Redirect(model.ReturnUrl)|};
        }
        """, Expected("ControllerBase.Redirect", "'model.ReturnUrl' of the bound model"));

    [Test]
    public Task MemberOfBoundModelCheckedLocalOrNeverBound() => Run("""
        public class LoginViewModel
        {
            public string ReturnUrl { get; set; } = "";
            [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever] public string Home { get; set; } = "/";
        }
        public class AccountController : Controller
        {
            [HttpPost]
            public IActionResult Login(LoginViewModel model) => Url.IsLocalUrl(model.ReturnUrl) ? Redirect(model.ReturnUrl) : Redirect("/");
            [HttpPost]
            public IActionResult Back(LoginViewModel model) => LocalRedirect(model.ReturnUrl);
            [HttpPost]
            public IActionResult Home(LoginViewModel model) => Redirect(model.Home);
        }
        """);

    [Test]
    public Task RazorPageBindPropertyAndItsMembers() => Run("""
        public class LoginInput { public string ReturnUrl { get; set; } = ""; }
        public class LoginModel : PageModel
        {
            [BindProperty] public LoginInput Input { get; set; } = new();
            [BindProperty(SupportsGet = true)] public string? Next { get; set; }
            public IActionResult OnPost() => {|#0:Redirect(Input.ReturnUrl)|};
            public IActionResult OnGet() => {|#1:Redirect(Next!)|};
        }
        """, Expected("PageModel.Redirect", "'Input.ReturnUrl' of the bound model", 0), Expected("PageModel.Redirect", "bound property 'Next'", 1));

    [Test]
    public Task RazorPagePropertiesNotBound() => Run("""
        public class LoginInput { public string ReturnUrl { get; set; } = ""; }
        public class LoginModel : PageModel
        {
            public LoginInput Input { get; set; } = new();
            public string Next { get; set; } = "/";
            [BindProperty] public LoginInput Posted { get; set; } = new();
            public IActionResult OnPost() => Redirect(Input.ReturnUrl);
            public IActionResult OnGet() => Redirect(Next);
            public IActionResult OnPostBack() => LocalRedirect(Posted.ReturnUrl);
        }
        """);

    [Test]
    public Task MinimalApiModelAndHttpContextQuery() => Run("""
        public class GoForm { public string Target { get; set; } = ""; }
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                app.MapPost("/go", ([Microsoft.AspNetCore.Mvc.FromForm] GoForm form) => {|#0:Results.Redirect(form.Target)|});
                app.MapGet("/back", (HttpContext context) => {|#1:Results.Redirect(context.Request.Query["back"].ToString())|});
            }
        }
        """, Expected("Results.Redirect", "'form.Target' of the bound model", 0), Expected("Results.Redirect", "Request.Query", 1));

    [Test]
    public Task FrameworkContextsAndServicesAreNotRequestModels() => Run("""
        using Microsoft.AspNetCore.Authentication.Cookies;
        public class ShopLinks { public string Home { get; set; } = "/"; }
        public static class Setup
        {
            public static void Configure(CookieAuthenticationOptions options) =>
                options.Events.OnRedirectToLogin = context => { context.Response.Redirect(context.RedirectUri); return System.Threading.Tasks.Task.CompletedTask; };
            public static void Map(WebApplication app) =>
                app.MapGet("/home", ([FromServices] ShopLinks links) => Results.Redirect(links.Home));
        }
        """);
}
