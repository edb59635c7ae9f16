using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3005SensitiveEndpointWithoutAuthorizationAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

/// <summary>
/// SS3005 judges an endpoint the way the shop's authors authorized it: their own attributes, base
/// controllers, route groups authorized by the caller, checks in code, endpoints anonymous by design.
/// Each shape seen on real shops has its safe form (silent) and a near-miss that stays reported.
/// </summary>
public class SS3005AuthorizationAsTheShopWroteItTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.Filters;
        using Microsoft.AspNetCore.Routing;

        """;

    private const string NoAuthorization = "no [Authorize], global authorization filter or fallback policy applies";
    private const string NoEndpointAuthorization = "no RequireAuthorization(), authorized group or fallback policy applies";

    private static DiagnosticResult Expected(string endpoint, string area, string reason) =>
        V.Diagnostic(Descriptors.SS3005SensitiveEndpointWithoutAuthorization).WithLocation(0).WithArguments(endpoint, area, reason);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- the shop's own authorization attributes ----

    [Test]
    public Task OwnAsyncAuthorizationFilterAttributeOnTheAction() => Run("""
        public sealed class StaffOnlyAttribute : System.Attribute, IAsyncAuthorizationFilter
        {
            public Task OnAuthorizationAsync(AuthorizationFilterContext context) => Task.CompletedTask;
        }
        public class RefundsController : Controller
        {
            [StaffOnly]
            public IActionResult Approve(int id) => Ok(id);
        }
        """);

    [Test]
    public Task OwnActionFilterAttributeIsNotAuthorization() => Run("""
        public sealed class AuditTrailAttribute : System.Attribute, IActionFilter
        {
            public void OnActionExecuting(ActionExecutingContext context) { }
            public void OnActionExecuted(ActionExecutedContext context) { }
        }
        public class RefundsController : Controller
        {
            [AuditTrail]
            public IActionResult {|#0:Approve|}(int id) => Ok(id);
        }
        """, Expected("RefundsController.Approve", "refund", NoAuthorization));

    [Test]
    public Task TypeFilterSubclassWrappingAnAuthorizationFilter() => Run("""
        public sealed class BackOfficeAccessAttribute : TypeFilterAttribute
        {
            public BackOfficeAccessAttribute() : base(typeof(Gate)) { }

            private sealed class Gate : IAuthorizationFilter
            {
                public void OnAuthorization(AuthorizationFilterContext context) { }
            }
        }
        [BackOfficeAccess]
        public class InvoicesController : Controller
        {
            public IActionResult List() => View();
        }
        """);

    [Test]
    public Task TypeFilterSubclassWrappingAnotherFilterIsNotAuthorization() => Run("""
        public sealed class CountVisitsAttribute : TypeFilterAttribute
        {
            public CountVisitsAttribute() : base(typeof(Counter)) { }

            private sealed class Counter : IResultFilter
            {
                public void OnResultExecuting(ResultExecutingContext context) { }
                public void OnResultExecuted(ResultExecutedContext context) { }
            }
        }
        [CountVisits]
        public class InvoicesController : Controller
        {
            public IActionResult {|#0:List|}() => View();
        }
        """, Expected("InvoicesController.List", "invoice", NoAuthorization));

    [Test]
    public Task TypeFilterAttributeGivenAnAuthorizationFilterDirectly() => Run("""
        public sealed class OwnerCheck : IAsyncAuthorizationFilter
        {
            public Task OnAuthorizationAsync(AuthorizationFilterContext context) => Task.CompletedTask;
        }
        public class WalletController : Controller
        {
            [TypeFilter(typeof(OwnerCheck))]
            public IActionResult Balance() => Ok();
        }
        """);

    [Test]
    public Task OwnAuthorizeDataAttributeWithAPermission() => Run("""
        public sealed class RequiresPermissionAttribute : System.Attribute, IAuthorizeData
        {
            public RequiresPermissionAttribute(string permission) => Policy = permission;
            public string? Policy { get; set; }
            public string? Roles { get; set; }
            public string? AuthenticationSchemes { get; set; }
        }
        public class OrdersController : Controller
        {
            [RequiresPermission("Order.Read")]
            public IActionResult Details(int id) => Ok(id);
        }
        """);

    // ---- base controllers, any depth ----

    [Test]
    public Task AuthorizationFilterOnABaseControllerTwoLevelsUp() => Run("""
        public sealed class AdminAreaAttribute : System.Attribute, IAuthorizationFilter
        {
            public void OnAuthorization(AuthorizationFilterContext context) { }
        }
        [AdminArea]
        public abstract class BackOfficeControllerBase : Controller { }
        public abstract class CatalogBackOfficeController : BackOfficeControllerBase { }
        public class OrderController : CatalogBackOfficeController
        {
            public IActionResult Edit(int id) => View();
        }
        """);

    [Test]
    public Task BaseControllerWithoutAuthorizationStillReports() => Run("""
        [ResponseCache(Duration = 60)]
        public abstract class BackOfficeControllerBase : Controller { }
        public class OrderController : BackOfficeControllerBase
        {
            public IActionResult {|#0:Edit|}(int id) => View();
        }
        """, Expected("OrderController.Edit", "order", NoAuthorization));

    // ---- authorization in code ----

    [Test]
    public Task AuthorizationServiceAtTheTopOfTheAction() => Run("""
        public class PaymentController : Controller
        {
            private readonly IAuthorizationService _authorization;
            public PaymentController(IAuthorizationService authorization) => _authorization = authorization;

            public async Task<IActionResult> Index()
            {
                if (!(await _authorization.AuthorizeAsync(User, "Checkout")).Succeeded)
                {
                    return Forbid();
                }

                return View();
            }
        }
        """);

    [Test]
    public Task AuthenticationTestedThenChallenged() => Run("""
        public class AccountController : Controller
        {
            public IActionResult Addresses()
            {
                if (User.Identity?.IsAuthenticated != true) return LocalRedirect("~/Login?ReturnUrl=~/account/addresses");
                return View();
            }
        }
        """);

    [Test]
    public Task OwnershipCheckThatAnswersChallenge() => Run("""
        public class OrderController : Controller
        {
            public IActionResult Cancel(int orderId, int customerId)
            {
                if (orderId <= 0 || customerId != 42)
                    return Challenge();
                return Ok();
            }
        }
        """);

    [Test]
    public Task AuthenticationFlagOnlyCopiedIntoTheViewIsNoCheck() => Run("""
        public class AccountController : Controller
        {
            public IActionResult {|#0:Addresses|}()
            {
                ViewData["SignedIn"] = User.Identity?.IsAuthenticated;
                return View();
            }
        }
        """, Expected("AccountController.Addresses", "account", NoAuthorization));

    [Test]
    public Task AllowAnonymousWithTheCheckInTheBody() => Run("""
        public class CheckoutController : Controller
        {
            [AllowAnonymous, HttpPost]
            public IActionResult Create(int cartId)
            {
                if (!User.Identity!.IsAuthenticated)
                    return RedirectToAction("Login", "Account");
                return Ok();
            }
        }
        """);

    [Test]
    public Task AllowAnonymousWithoutACheckStillReports() => Run("""
        public class CheckoutController : Controller
        {
            [AllowAnonymous, HttpPost]
            public IActionResult {|#0:Create|}(int cartId) => Ok(cartId);
        }
        """, Expected("CheckoutController.Create", "checkout", "[AllowAnonymous] opens it to anyone"));

    // ---- endpoints anonymous by design ----

    [Test]
    public Task TwoFactorSignInStep() => Run("""
        public class AccountController : Controller
        {
            [AllowAnonymous]
            public IActionResult SendCode(string returnUrl) => View();
        }
        """);

    [Test]
    public Task PaymentProviderNotificationsAndThreeDSecureReturn() => Run("""
        [Route("payments/provider")]
        public class PaymentsProviderController : Controller
        {
            [HttpPost("ipn")]
            public IActionResult Ipn() => Ok();

            [HttpPost("notify")]
            public IActionResult Notify() => Ok();

            [HttpGet("threeds/return")]
            public IActionResult ThreeDSecureReturn() => Ok();
        }
        """);

    [Test]
    public Task GuestCheckoutStart() => Run("""
        public class CheckoutController : Controller
        {
            [HttpGet("checkout/guest")]
            public IActionResult StartAsGuest() => View();
        }
        """);

    [Test]
    public Task GuestCheckoutStepOnTheCallersCart() => Run("""
        public class PaymentController : Controller
        {
            [HttpPost("checkout/validate")]
            public IActionResult Validate(string provider, string shoppingCartId) => Ok();
        }
        """);

    [Test]
    public Task GuestCheckoutStepWhoseModelCarriesTheCheckoutId() => Run("""
        public sealed class ExecuteForm { public System.Guid CheckoutId { get; set; } public string PayerId { get; set; } = ""; }
        public class PaypalController : Controller
        {
            [HttpPost("paypal/execute-payment")]
            public IActionResult ExecutePayment(ExecuteForm model) => Ok();
        }
        """);

    [Test]
    public Task CheckoutWaitPage() => Run("""
        public class PaymentController : Controller
        {
            [HttpGet("checkout/wait")]
            public IActionResult Wait(string returnUrl) => View();
        }
        """);

    [Test]
    public Task OrderEndpointWithACartParameterStillReports() => Run("""
        public class OrdersController : Controller
        {
            [HttpGet("orders/by-cart")]
            public IActionResult {|#0:ForCart|}(string cartId) => Ok();
        }
        """, Expected("OrdersController.ForCart", "order", NoAuthorization));

    [Test]
    public Task GiftCardBalanceIsNotCardData() => Run("""
        public class GiftCardsController : Controller
        {
            [HttpGet("giftcards/balance")]
            public IActionResult Balance(string code) => Ok();
        }
        """);

    [Test]
    public Task SavedPaymentCardsStillReport() => Run("""
        public class SavedCardsController : Controller
        {
            public IActionResult {|#0:Index|}() => View();
        }
        """, Expected("SavedCardsController.Index", "card", NoAuthorization));

    // ---- route groups authorized by the caller of the method that maps them ----

    private const string MapOrdersApi = """
        public static class OrdersApi
        {
            public static RouteGroupBuilder MapOrdersApi(this IEndpointRouteBuilder routes)
            {
                var group = routes.MapGroup("/orders");
                {|#0:group.MapGet("/{id}", (int id) => id)|};
                return group;
            }
        }

        """;

    [Test]
    public Task GroupReturnedToACallerThatRequiresAuthorization() => Run(MapOrdersApi.Replace("{|#0:", "").Replace("|}", "") + """
        public static class Program
        {
            public static void Configure(WebApplication app) => app.MapOrdersApi().RequireAuthorization();
        }
        """);

    [Test]
    public Task GroupReturnedToACallerThatDoesNotAuthorize() => Run(MapOrdersApi + """
        public static class Program
        {
            public static void Configure(WebApplication app) => app.MapOrdersApi().WithTags("orders");
        }
        """, Expected("/{id} in group /orders", "order", NoEndpointAuthorization));

    private const string MapRefunds = """
        public static class RefundsApi
        {
            public static void MapRefunds(this RouteGroupBuilder api) => {|#0:api.MapPost("/refunds", () => 1)|};
        }

        """;

    [Test]
    public Task GroupReceivedFromACallerThatRequiresAuthorization() => Run(MapRefunds.Replace("{|#0:", "").Replace("|}", "") + """
        public static class Program
        {
            public static void Configure(WebApplication app)
            {
                var api = app.MapGroup("/api").RequireAuthorization();
                api.MapRefunds();
            }
        }
        """);

    [Test]
    public Task GroupReceivedFromACallerThatDoesNotAuthorize() => Run(MapRefunds + """
        public static class Program
        {
            public static void Configure(WebApplication app)
            {
                var api = app.MapGroup("/api");
                api.MapRefunds();
            }
        }
        """, Expected("/refunds", "refund", NoEndpointAuthorization));

    [Test]
    public Task EndpointsMappedOnTheAppItselfAreNotAuthorizedByACaller() => Run("""
        public static class RefundsApi
        {
            public static void MapRefunds(this WebApplication app) => {|#0:app.MapPost("/refunds", () => 1)|};
        }
        """, Expected("/refunds", "refund", NoEndpointAuthorization));

    // ---- test projects ----

    [Test]
    public Task TestProjectShortcutsAreNotTheShopsEndpoints() =>
        V.AnalyzerAsync(Usings + """
            public class OrderController : Controller
            {
                [AllowAnonymous]
                public IActionResult CreatePaidOrder() => Ok();
            }
            """, "build_property.IsTestProject = true", null);

    [Test]
    public Task HelpersOfATestSuiteAreNotTheShopsEndpoints() =>
        V.AnalyzerAsync(Usings + """
            public class OrderController : Controller
            {
                [AllowAnonymous]
                public IActionResult CreatePaidOrder() => Ok();
            }
            """, null, "Shop.Tests.UI.Shortcuts");

    [Test]
    public Task SyntaxErrorsInAnActionBody() => V.SyntaxErrorsAsync(Usings + """
        public class OrderController : Controller
        {
            public IActionResult Edit(int id) { if (User.Identity.IsAuthenticated return Challenge( }
        }
        """);
}
