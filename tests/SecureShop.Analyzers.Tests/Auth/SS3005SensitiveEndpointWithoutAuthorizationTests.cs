using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3005SensitiveEndpointWithoutAuthorizationAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3005SensitiveEndpointWithoutAuthorizationTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Authorization;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.Extensions.DependencyInjection;

        """;

    /// <summary>A controller with a sensitive name and no authorization of its own; the marked action is what SS3005 reports.</summary>
    private const string OrdersController = """
        [Route("orders")]
        public class OrdersController : Controller
        {
            [HttpGet("{id}")]
            public IActionResult {|#0:Details|}(int id) => Ok(id);
        }

        """;

    private const string NoAuthorization = "no [Authorize], global authorization filter or fallback policy applies";
    private const string NoPageAuthorization = "no [Authorize], AuthorizeFolder/AuthorizePage convention or fallback policy applies";
    private const string NoEndpointAuthorization = "no RequireAuthorization(), authorized group or fallback policy applies";
    private const string Anonymous = "[AllowAnonymous] opens it to anyone";

    private static DiagnosticResult Expected(string endpoint, string area, string reason, int location = 0) =>
        V.Diagnostic(Descriptors.SS3005SensitiveEndpointWithoutAuthorization).WithLocation(location).WithArguments(endpoint, area, reason);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    /// <summary>Remove the markup from a source in which the rule must stay silent.</summary>
    private static string Clean(string source) => source.Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace("|}", string.Empty);

    // ---- global configuration styles: each silences the rule; its absence (a near-miss of it) makes the rule fire ----

    public static IEnumerable<TestCaseData> ConfigurationStyles()
    {
        yield return Style(
            "GlobalAuthorizeFilterInAddControllers",
            "builder.Services.AddControllers(o => o.Filters.Add(new AuthorizeFilter()));",
            "builder.Services.AddControllers(o => o.Filters.Add(new ResponseCacheAttribute()));",
            OrdersController, "OrdersController.Details", "order", NoAuthorization);
        yield return Style(
            "GlobalAuthorizeFilterWithPolicyInAddMvc",
            "builder.Services.AddMvc(o => o.Filters.Add(new AuthorizeFilter(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())));",
            "builder.Services.AddMvc();",
            OrdersController, "OrdersController.Details", "order", NoAuthorization);
        yield return Style(
            "GenericAuthorizeFilter",
            "builder.Services.AddControllersWithViews(o => o.Filters.Add<AuthorizeFilter>());",
            "builder.Services.AddControllersWithViews();",
            OrdersController, "OrdersController.Details", "order", NoAuthorization);
        yield return Style(
            "FallbackPolicy",
            "builder.Services.AddAuthorization(o => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());",
            "builder.Services.AddAuthorization(o => o.DefaultPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());",
            OrdersController, "OrdersController.Details", "order", NoAuthorization);
        yield return Style(
            "SetFallbackPolicyOnAuthorizationBuilder",
            "builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());",
            "builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(null);",
            OrdersController, "OrdersController.Details", "order", NoAuthorization);
        yield return Style(
            "MapControllersRequireAuthorization",
            "builder.Build().MapControllers().RequireAuthorization();",
            "builder.Build().MapControllers();",
            OrdersController, "OrdersController.Details", "order", NoAuthorization);
        yield return Style(
            "MapControllerRouteRequireAuthorization",
            "builder.Build().MapControllerRoute(\"default\", \"{controller}/{action}\").RequireAuthorization(\"Customers\");",
            "builder.Build().MapControllerRoute(\"default\", \"{controller}/{action}\");",
            OrdersController, "OrdersController.Details", "order", NoAuthorization);
        yield return Style(
            "MinimalApiRequireAuthorization",
            "builder.Build().MapGet(\"/orders/{id}\", (int id) => id).RequireAuthorization();",
            "{|#0:builder.Build().MapGet(\"/orders/{id}\", (int id) => id)|}.WithName(\"order\");",
            string.Empty, "/orders/{id}", "order", NoEndpointAuthorization);
        yield return Style(
            "MapGroupRequireAuthorization",
            "var orders = builder.Build().MapGroup(\"/orders\").RequireAuthorization(); orders.MapGet(\"/{id}\", (int id) => id);",
            "var orders = builder.Build().MapGroup(\"/orders\").WithTags(\"orders\"); {|#0:orders.MapGet(\"/{id}\", (int id) => id)|};",
            string.Empty, "/{id} in group /orders", "order", NoEndpointAuthorization);
        yield return Style(
            "GroupLocalThenRequireAuthorization",
            "var admin = builder.Build().MapGroup(\"/admin\"); admin.RequireAuthorization(\"Admin\"); admin.MapPost(\"/refunds\", () => 1);",
            "var admin = builder.Build().MapGroup(\"/admin\"); admin.WithTags(\"Admin\"); {|#0:admin.MapPost(\"/refunds\", () => 1)|};",
            string.Empty, "/refunds in group /admin", "admin", NoEndpointAuthorization);
        yield return Style(
            "RazorPagesAuthorizeFolder",
            "builder.Services.AddRazorPages(o => o.Conventions.AuthorizeFolder(\"/Account\"));",
            "builder.Services.AddRazorPages(o => o.Conventions.AuthorizeFolder(\"/Catalog\"));",
            AccountPage, "AddressesModel", "account", NoPageAuthorization);
        yield return Style(
            "RazorPagesAuthorizePage",
            "builder.Services.AddRazorPages(o => o.Conventions.AuthorizePage(\"/Account/Addresses\"));",
            "builder.Services.AddRazorPages(o => o.Conventions.AuthorizePage(\"/Account/Profile\"));",
            AccountPage, "AddressesModel", "account", NoPageAuthorization);
        yield return Style(
            "MapRazorPagesRequireAuthorization",
            "builder.Build().MapRazorPages().RequireAuthorization();",
            "builder.Build().MapRazorPages();",
            AccountPage, "AddressesModel", "account", NoPageAuthorization);
    }

    private const string AccountPage = """
        namespace Shop.Pages.Account
        {
            public class {|#0:AddressesModel|} : PageModel
            {
                public void OnGet() { }
            }
        }

        """;

    private static TestCaseData Style(string name, string configured, string absent, string endpoints, string endpoint, string area, string reason) =>
        new TestCaseData(configured, absent, endpoints, new[] { endpoint, area, reason }).SetName(name);

    /// <summary>The configuration lives in an extension method, as in a Startup class or a ServiceCollection extension.</summary>
    private static string Startup(string configuration, string endpoints) => endpoints + $$"""
        public static class ShopSetup
        {
            public static void AddShopSecurity(this WebApplicationBuilder builder)
            {
                {{configuration}}
            }
        }
        """;

    [TestCaseSource(nameof(ConfigurationStyles))]
    public Task SilentWhenConfiguredGlobally(string configured, string absent, string endpoints, string[] expected) =>
        Run(Clean(Startup(configured, endpoints)));

    [TestCaseSource(nameof(ConfigurationStyles))]
    public Task FiresWhenThatConfigurationIsAbsent(string configured, string absent, string endpoints, string[] expected) =>
        Run(Startup(absent, endpoints), Expected(expected[0], expected[1], expected[2]));

    [Test]
    public async Task ConfigurationInTopLevelProgram()
    {
        var program = """
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Builder;
            using Microsoft.Extensions.DependencyInjection;

            var builder = WebApplication.CreateBuilder(args);
            builder.Services.AddControllers();
            builder.Services.AddAuthorization(options =>
            {
                options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
            });
            var app = builder.Build();
            app.MapControllers();
            app.Run();
            """;
        var test = V.CreateTest(Usings + Clean(OrdersController));
        test.TestState.Sources.Add(("Program.cs", program));
        test.TestState.OutputKind = OutputKind.ConsoleApplication;
        await test.RunAsync();
    }

    // ---- positives ----

    [Test]
    public Task ControllerWithoutAuthorization() => Run(OrdersController, Expected("OrdersController.Details", "order", NoAuthorization));

    [Test]
    public Task AdminActionByActionName() => Run("""
        public class BackOfficeController : Controller
        {
            public IActionResult {|#0:AdminDashboard|}() => View();
        }
        """, Expected("BackOfficeController.AdminDashboard", "admin", NoAuthorization));

    [Test]
    public Task AllowAnonymousOnSensitiveActionBeatsFallbackPolicy() => Run("""
        [Authorize]
        public class CheckoutController : Controller
        {
            [AllowAnonymous, HttpPost("pay")]
            public IActionResult {|#0:Pay|}() => Ok();
        }
        public static class Setup
        {
            public static void Configure(AuthorizationOptions o) => o.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build();
        }
        """, Expected("CheckoutController.Pay", "checkout", Anonymous));

    [Test]
    public Task AllowAnonymousOnControllerOverridesGlobalFilter() => Run("""
        [AllowAnonymous]
        public class WalletController : ControllerBase
        {
            [HttpGet]
            public IActionResult {|#0:Balance|}() => Ok();
        }
        public static class Setup
        {
            public static void Configure(IServiceCollection s) => s.AddControllers(o => o.Filters.Add(new AuthorizeFilter()));
        }
        """, Expected("WalletController.Balance", "wallet", Anonymous));

    [Test]
    public Task RouteTemplateOnActionDenotesPayment() => Run("""
        public class StoreController : Controller
        {
            [HttpPost("api/payments/{id:int}/capture")]
            public IActionResult {|#0:Capture|}(int id) => Ok();
        }
        """, Expected("StoreController.Capture", "payment", NoAuthorization));

    [Test]
    public Task MinimalApiAllowAnonymousOnCustomerData() => Run("""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                {|#0:app.MapGet("/customers/{id}/addresses", (int id) => id)|}.AllowAnonymous();
            }
        }
        """, Expected("/customers/{id}/addresses", "customer", "AllowAnonymous() opens it to anyone"));

    [Test]
    public Task MinimalApiPostOnNestedGroup() => Run("""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                var api = app.MapGroup("/api");
                {|#0:api.MapGroup("/cards").MapPost("/", () => 1)|};
            }
        }
        """, Expected("/ in group /api/cards", "card", NoEndpointAuthorization));

    [Test]
    public Task TwoSensitiveActions() => Run("""
        public class AccountController : Controller
        {
            public IActionResult {|#0:Profile|}() => View();
            [HttpPost] public IActionResult {|#1:ChangeAddress|}(string line) => View();
            public IActionResult Login() => View();
        }
        """, Expected("AccountController.Profile", "account", NoAuthorization, 0), Expected("AccountController.ChangeAddress", "account", NoAuthorization, 1));

    // ---- near-miss negatives ----

    [Test]
    public Task AuthorizeOnAction() => Run("""
        public class OrdersController : Controller
        {
            [Authorize] public IActionResult History() => View();
        }
        """);

    [Test]
    public Task AuthorizeOnController() => Run("""
        [Authorize(Roles = "Admin")]
        public class AdminController : Controller
        {
            public IActionResult Index() => View();
        }
        """);

    [Test]
    public Task AuthorizeOnBaseClass() => Run("""
        [Authorize]
        public abstract class SecureController : Controller { }
        public class PaymentsController : SecureController
        {
            public IActionResult Index() => View();
        }
        """);

    [Test]
    public Task CustomAuthorizeAttribute() => Run("""
        public sealed class AdminOnlyAttribute : System.Attribute, IAuthorizeData
        {
            public string? Policy { get; set; } = "Admin";
            public string? Roles { get; set; }
            public string? AuthenticationSchemes { get; set; }
        }
        [AdminOnly]
        public class AdminController : Controller
        {
            public IActionResult Index() => View();
        }
        """);

    [Test]
    public Task CatalogSearchAndProductPagesAreFineAnonymous() => Run("""
        [AllowAnonymous]
        public class CatalogController : Controller
        {
            public IActionResult Search(string q) => View();
            [HttpGet("products/{id}")] public IActionResult Product(int id) => View();
        }
        public static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapGet("/products", () => 1).AllowAnonymous();
        }
        """);

    [Test]
    public Task SignInStepsStayAnonymous() => Run("""
        [Authorize]
        public class AccountController : Controller
        {
            [AllowAnonymous] public IActionResult Login() => View();
            [AllowAnonymous] public IActionResult ForgotPassword() => View();
            [AllowAnonymous, HttpPost("account/register")] public IActionResult Register() => View();
        }
        public static class Endpoints
        {
            public static void Map(WebApplication app) => app.MapPost("/payments/webhook", () => 1).AllowAnonymous();
        }
        """);

    [Test]
    public Task NonActionAndPrivateMethods() => Run("""
        public class OrdersController : Controller
        {
            [NonAction] public IActionResult OrderSummary() => View();
            private IActionResult Orders() => View();
        }
        """);

    [Test]
    public Task AuthorizeOnMinimalApiHandlerMethod() => Run("""
        public static class Endpoints
        {
            [Authorize] private static int Refund(int id) => id;
            public static void Map(WebApplication app) => app.MapPost("/orders/{id}/refund", Refund);
        }
        """);

    [Test]
    public Task NotAWebApplication() => V.AnalyzerAsync("""
        public class OrdersController
        {
            public string Details(int id) => "order";
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        [Route("orders"
        public class OrdersController : Controller
        {
            public IActionResult {|#0:Details|}(int id) => Ok(id
            [HttpPost("admin/")] public void
        }
        public static class E { public static void M(WebApplication app) { app.MapGet("/orders", ; app.MapGroup( } }
        """, Expected("OrdersController.Details", "order", NoAuthorization));
}
