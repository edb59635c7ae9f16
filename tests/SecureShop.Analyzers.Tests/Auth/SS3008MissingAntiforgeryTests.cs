using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3008MissingAntiforgeryAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3008MissingAntiforgeryTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private const string Missing = "[HttpPost] without [ValidateAntiForgeryToken] on the action or controller, or a global AutoValidateAntiforgeryToken filter (the app signs users in with cookies: AddCookie)";

    /// <summary>Cookie sign-in, configured in an extension method as shops do in Startup-style code.</summary>
    private static string Setup(string services = "") => $$"""
        public static class ShopSetup
        {
            public static void AddShop(this IServiceCollection services)
            {
                services.AddAuthentication().AddCookie();
                {{services}}
            }
        }

        """;

    private const string CartController = """
        public class CartController : Controller
        {
            [HttpPost]
            public IActionResult {|#0:AddItem|}(int productId) => Ok();
        }

        """;

    private static DiagnosticResult Expected(string action, string reason, int location = 0) =>
        V.Diagnostic(Descriptors.SS3008MissingAntiforgery).WithLocation(location).WithArguments(action, reason);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    private static string Clean(string source) => source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty);

    // ---- each way of applying validation silences the rule; without it the rule fires ----

    public static IEnumerable<TestCaseData> ProtectionStyles()
    {
        yield return new TestCaseData(
            Setup("services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));") + CartController,
            Setup("services.AddControllersWithViews(o => o.Filters.Add(new ResponseCacheAttribute()));") + CartController).SetName("GlobalAutoValidateFilter");
        yield return new TestCaseData(
            Setup("services.AddMvc(o => o.Filters.Add<ValidateAntiForgeryTokenAttribute>());") + CartController,
            Setup("services.AddMvc();") + CartController).SetName("GlobalGenericValidateFilter");
        yield return new TestCaseData(
            Setup("services.AddControllers(o => o.Filters.Add(typeof(AutoValidateAntiforgeryTokenAttribute)));") + CartController,
            Setup("services.AddControllers(o => o.Filters.Add(typeof(RequireHttpsAttribute)));") + CartController).SetName("GlobalTypeOfFilter");
        yield return new TestCaseData(
            Setup() + CartController.Replace("[HttpPost]", "[HttpPost, ValidateAntiForgeryToken]"),
            Setup() + CartController.Replace("[HttpPost]", "[HttpPost, RequireHttps]")).SetName("ValidateOnAction");
        yield return new TestCaseData(
            Setup() + "[AutoValidateAntiforgeryToken]\n" + CartController,
            Setup() + "[ResponseCache(Duration = 0)]\n" + CartController).SetName("AutoValidateOnController");
        yield return new TestCaseData(
            Setup() + "[ValidateAntiForgeryToken] public abstract class ShopController : Controller { }\n" + CartController.Replace(": Controller", ": ShopController"),
            Setup() + "public abstract class ShopController : Controller { }\n" + CartController.Replace(": Controller", ": ShopController")).SetName("ValidateOnBaseController");
        yield return new TestCaseData(
            Setup().Replace("AddCookie()", "AddJwtBearer()") + CartController,
            Setup() + CartController).SetName("NoCookieAuthentication");
    }

    [TestCaseSource(nameof(ProtectionStyles))]
    public Task SilentWhenProtected(string protectedSource, string unprotectedSource) => Run(Clean(protectedSource));

    [TestCaseSource(nameof(ProtectionStyles))]
    public Task FiresWhenThatProtectionIsAbsent(string protectedSource, string unprotectedSource) =>
        Run(unprotectedSource, Expected("CartController.AddItem", Missing));

    [Test]
    public Task BearerOnlyApiControllerIsSilent() => Run(Setup() + """
        [ApiController, Route("api/cart")]
        [Authorize(AuthenticationSchemes = "Bearer")]
        public class CartApiController : ControllerBase
        {
            [HttpPost] public IActionResult Add(int id) => Ok();
        }
        """);

    [Test]
    public Task ApiControllerAcceptingCookiesFires() => Run(Setup() + """
        [ApiController, Route("api/cart")]
        [Authorize(AuthenticationSchemes = "Bearer,Cookies")]
        public class CartApiController : ControllerBase
        {
            [HttpPost] public IActionResult {|#0:Add|}(int id) => Ok();
        }
        """, Expected("CartApiController.Add", Missing));

    [Test]
    public Task RazorPageValidatesByDefault() => Run(Setup() + """
        public class CheckoutModel : PageModel
        {
            public void OnPost() { }
        }
        """);

    [Test]
    public Task RazorPageWithIgnoreAntiforgeryFires() => Run(Setup() + """
        [IgnoreAntiforgeryToken]
        public class CheckoutModel : PageModel
        {
            public void {|#0:OnPostAsync|}() { }
            public void OnGet() { }
        }
        """, Expected("CheckoutModel.OnPostAsync", "[IgnoreAntiforgeryToken] turns off the validation Razor Pages do by default"));

    // ---- positives ----

    [Test]
    public Task IgnoreAntiforgeryOnActionBeatsGlobalFilter() => Run(Setup("services.AddControllersWithViews(o => o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));") + """
        public class AccountController : Controller
        {
            [HttpPost, IgnoreAntiforgeryToken]
            public IActionResult {|#0:ChangeEmail|}(string email) => Ok();
        }
        """, Expected("AccountController.ChangeEmail", "[IgnoreAntiforgeryToken] turns validation off"));

    [Test]
    public Task IgnoreAntiforgeryOnController() => Run(Setup() + """
        [IgnoreAntiforgeryToken]
        public class AddressController : Controller
        {
            [HttpDelete("address/{id}")]
            public IActionResult {|#0:Remove|}(int id) => Ok();
        }
        """, Expected("AddressController.Remove", "[IgnoreAntiforgeryToken] on AddressController turns validation off"));

    [Test]
    public Task PutPatchAndDeleteActions() => Run(Setup() + """
        public class OrdersController : Controller
        {
            [HttpPut("orders/{id}")] public IActionResult {|#0:Update|}(int id) => Ok();
            [HttpPatch("orders/{id}")] public IActionResult {|#1:Rename|}(int id) => Ok();
            [HttpDelete("orders/{id}")] public IActionResult {|#2:Cancel|}(int id) => Ok();
        }
        """,
        Expected("OrdersController.Update", Missing.Replace("HttpPost", "HttpPut"), 0),
        Expected("OrdersController.Rename", Missing.Replace("HttpPost", "HttpPatch"), 1),
        Expected("OrdersController.Cancel", Missing.Replace("HttpPost", "HttpDelete"), 2));

    [Test]
    public Task IdentityCookieAuthentication() => Run("""
        public class AppUser : Microsoft.AspNetCore.Identity.IdentityUser { }
        public static class ShopSetup
        {
            public static void AddShop(IServiceCollection services) =>
                services.AddIdentity<AppUser, Microsoft.AspNetCore.Identity.IdentityRole>();
        }
        public class WishlistController : Controller
        {
            [HttpPost("wishlist")]
            public IActionResult {|#0:Add|}(int id) => Ok();
        }
        """, Expected("WishlistController.Add", Missing.Replace("AddCookie", "AddIdentity")));

    [Test]
    public Task AuthorizedActionIsStillForgeable() => Run(Setup() + """
        [Authorize]
        public class ProfileController : Controller
        {
            [HttpPost] public System.Threading.Tasks.Task<IActionResult> {|#0:Save|}(string name) => System.Threading.Tasks.Task.FromResult<IActionResult>(Ok());
        }
        """, Expected("ProfileController.Save", Missing));

    [Test]
    public Task GlobalIgnoreFilterTurnsPagesOff() => Run(Setup("services.AddRazorPages(o => o.Conventions.ConfigureFilter(new IgnoreAntiforgeryTokenAttribute()));") + """
        public class PayModel : PageModel
        {
            public void {|#0:OnPost|}() { }
        }
        """, Expected("PayModel.OnPost", "a global IgnoreAntiforgeryToken filter turns off the validation Razor Pages do by default"));

    // ---- near-miss negatives ----

    [Test]
    public Task GetActionsAreNotStateChanging() => Run(Setup() + """
        public class CartController : Controller
        {
            [HttpGet] public IActionResult View(int id) => Ok();
            public IActionResult Index() => Ok();
        }
        """);

    [Test]
    public Task NonActionPostMethod() => Run(Setup() + """
        public class CartController : Controller
        {
            [NonAction, HttpPost] public IActionResult Helper() => Ok();
            [HttpPost] private IActionResult Hidden() => Ok();
        }
        """);

    [Test]
    public Task PageGetHandlerWithIgnore() => Run(Setup() + """
        [IgnoreAntiforgeryToken]
        public class CatalogModel : PageModel
        {
            public void OnGet() { }
        }
        """);

    [Test]
    public Task NotAController() => Run(Setup() + """
        public class CartService
        {
            [HttpPost] public void AddItem(int productId) { }
        }
        """);

    [Test]
    public Task AttributeUsageIsNotAGlobalFilter() => Run(Setup() + """
        [AutoValidateAntiforgeryToken]
        public class SafeController : Controller
        {
            [HttpPost] public IActionResult Save() => Ok();
        }
        public class CartController : Controller
        {
            [HttpPost, ValidateAntiForgeryToken] public IActionResult AddItem(int productId) => Ok();
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + Setup() + """
        public class CartController : Controller
        {
            [HttpPost(
            public IActionResult {|#0:AddItem|}(int productId) => Ok(
            [HttpDelete] public void
        }
        """, Expected("CartController.AddItem", Missing));

    // ---- no ambient cookie, no CSRF: JSON bodies and server-to-server calls (near-misses of the positives above) ----

    [Test]
    public Task ApiControllerBindingAComplexModelFromTheJsonBody() => Run(Setup() + """
        public sealed class AddToCart { public int ProductId { get; set; } public int Quantity { get; set; } }
        [ApiController, Route("api/cart")]
        public class CartApiController : ControllerBase
        {
            [HttpPost] public IActionResult Add(AddToCart request) => Ok();
        }
        """);

    [Test]
    public Task ExplicitFromBodyOnAnMvcController() => Run(Setup() + """
        public sealed class AddressForm { public string Street { get; set; } = ""; }
        public class AddressController : Controller
        {
            [HttpPost("address")] public IActionResult Save([FromBody] AddressForm form) => Ok();
        }
        """);

    [Test]
    public Task ApiControllerWithOnlySimpleParametersUnderCookiesStillFires() => Run(Setup() + """
        [ApiController, Route("api/orders")]
        public class OrdersApiController : ControllerBase
        {
            [HttpPost("{id}/cancel")] public IActionResult {|#0:Cancel|}(int id) => Ok();
        }
        """, Expected("OrdersApiController.Cancel", Missing));

    [Test]
    public Task SignatureVerifiedPaymentWebhook() => Run(Setup() + """
        [Route("payments/stripe")]
        public class StripeController : Controller
        {
            [HttpPost("webhook")] public IActionResult Receive() => Ok();
            [HttpPost("ipn")] public IActionResult Notification() => Ok();
        }
        """);

    [Test]
    public Task FormPostNamedLikeAWebhookButAUserActionStillFires() => Run(Setup() + """
        public class WebsiteController : Controller
        {
            [HttpPost("profile/hooks")] public IActionResult {|#0:SaveHooks|}(string url) => Ok();
        }
        """, Expected("WebsiteController.SaveHooks", Missing));

    [Test]
    public Task SignOutIsNoForgeryTarget() => Run(Setup() + """
        public class UserController : Controller
        {
            [HttpPost("logout")] public IActionResult Logout() => Ok();
            [HttpPost("account/sign-out")] public IActionResult SignOut2() => Ok();
        }
        """);

    [Test]
    public Task SignOutOfOtherDevicesIsStillAStateChange() => Run(Setup() + """
        public class SessionsController : Controller
        {
            [HttpPost("sessions/revoke")] public IActionResult {|#0:RevokeOtherDevices|}() => Ok();
        }
        """, Expected("SessionsController.RevokeOtherDevices", Missing));
}
