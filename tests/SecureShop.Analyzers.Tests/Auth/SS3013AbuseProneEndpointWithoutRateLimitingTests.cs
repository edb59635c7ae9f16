using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3013AbuseProneEndpointWithoutRateLimitingAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3013AbuseProneEndpointWithoutRateLimitingTests
{
    private const string Usings = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.AspNetCore.RateLimiting;
        using Microsoft.Extensions.DependencyInjection;

        public class LoginModel { public string Email { get; set; } = ""; public string Password { get; set; } = ""; }
        public class AppUser : IdentityUser { }

        """;

    private static DiagnosticResult Expected(string endpoint, string kind, string? reason = null, int location = 0) =>
        V.Diagnostic(Descriptors.SS3013AbuseProneEndpointWithoutRateLimiting).WithLocation(location).WithArguments(
            endpoint, kind, reason ?? (kind is "sign-in" or "two-factor code verification" ? "without a rate limit, CAPTCHA or lockout on failure" : "without a rate limit or CAPTCHA"));

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    /// <summary>An account controller whose POST actions are abuse-prone; {ATTR} and {BODY} are filled by each case.</summary>
    private static string Account(string classAttribute = "", string actionAttribute = "", string signIn = "return Ok();") => $$"""
        {{classAttribute}}
        public class AccountController : Controller
        {
            [HttpGet]
            public IActionResult Login(string returnUrl) => View();

            [HttpPost]{{actionAttribute}}
            public async Task<IActionResult> {|#0:Login|}(LoginModel model)
            {
                await Task.Yield();
                {{signIn}}
            }
        }
        """;

    // ---- positives ----

    [Test]
    public Task SignInPostWithoutLimit() => Run(Account(), Expected("AccountController.Login", "sign-in"));

    [Test]
    public Task SignInWithIdentityWithoutLockout() => Run("""
        public class AccountController(SignInManager<AppUser> signIn) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> {|#0:Login|}(LoginModel model)
            {
                var result = await signIn.PasswordSignInAsync(model.Email, model.Password, false, lockoutOnFailure: false);
                if (result.IsLockedOut) return View("Lockout");
                return result.Succeeded ? Redirect("/") : View(model);
            }
        }
        """, Expected("AccountController.Login", "sign-in"));

    [Test]
    public Task RegistrationPost() => Run("""
        public class AccountController : Controller
        {
            [HttpPost]
            public IActionResult {|#0:Register|}(LoginModel model) => Ok();
        }
        """, Expected("AccountController.Register", "sign-up"));

    [Test]
    public Task ForgotPasswordPost() => Run("""
        public class AccountController : Controller
        {
            [HttpPost("forgot-password")]
            public IActionResult {|#0:ForgotPassword|}(string email) => Ok();
        }
        """, Expected("AccountController.ForgotPassword", "password reset"));

    [Test]
    public Task GiftCardBalanceGet() => Run("""
        [Route("giftcards")]
        public class GiftCardsController : Controller
        {
            [HttpGet("balance")]
            public IActionResult {|#0:CheckGiftCardBalance|}(string code) => Ok(0m);
        }
        """, Expected("GiftCardsController.CheckGiftCardBalance", "gift-card code check"));

    [Test]
    public Task CouponMinimalApi() => Run("""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                {|#0:app.MapPost("/cart/apply-coupon", (string code) => Results.Ok())|};
            }
        }
        """, Expected("/cart/apply-coupon", "coupon code redemption"));

    [Test]
    public Task PaymentPageHandler() => Run("""
        namespace Shop.Pages.Checkout
        {
            public class PayModel : PageModel
            {
                public IActionResult {|#0:OnPostProcessPayment|}(string cardToken) => Page();
            }
        }
        """, Expected("/Checkout/Pay OnPostProcessPayment", "payment attempt"));

    [Test]
    public Task TwoFactorCodePage() => Run("""
        namespace Shop.Pages.Account
        {
            public class LoginWith2faModel : PageModel
            {
                public IActionResult {|#0:OnPostAsync|}(string code) => Page();
            }
        }
        """, Expected("/Account/LoginWith2fa OnPostAsync", "two-factor code verification"));

    [Test]
    public Task DisableRateLimitingReopensUnderGlobalLimiter() => Run("""
        public static class Setup
        {
            public static void Configure(IServiceCollection services) =>
                services.AddRateLimiter(o => o.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, string>(
                    c => System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("all")));
        }
        """ + Account(actionAttribute: "[DisableRateLimiting]"),
        Expected("AccountController.Login", "sign-in", "that [DisableRateLimiting] exempts from every limiter"));

    [Test]
    public Task GroupWithoutLimit() => Run("""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                var auth = app.MapGroup("/auth");
                {|#0:auth.MapPost("/login", (LoginModel m) => Results.Ok())|};
            }
        }
        """, Expected("/login in group /auth", "sign-in"));

    // ---- near misses: the safe twins ----

    [Test]
    public Task EnableRateLimitingOnAction() => Run(Clean(Account(actionAttribute: "[EnableRateLimiting(\"login\")]")));

    [Test]
    public Task EnableRateLimitingOnBaseController() => Run("""
        [EnableRateLimiting("strict")]
        public abstract class LimitedController : Controller { }
        public class AccountController : LimitedController
        {
            [HttpPost]
            public IActionResult Register(LoginModel model) => Ok();
        }
        """);

    [Test]
    public Task GlobalLimiter() => Run("""
        public static class Setup
        {
            public static void Configure(IServiceCollection services) =>
                services.AddRateLimiter(o => o.GlobalLimiter = System.Threading.RateLimiting.PartitionedRateLimiter.Create<HttpContext, string>(
                    c => System.Threading.RateLimiting.RateLimitPartition.GetNoLimiter("all")));
        }
        """ + Clean(Account()));

    [Test]
    public Task ControllersMapRequiresRateLimiting() => Run("""
        public static class Setup
        {
            public static void Configure(WebApplication app) => app.MapControllers().RequireRateLimiting("per-ip");
        }
        """ + Clean(Account()));

    [Test]
    public Task IdentityLockoutOnSignIn() => Run("""
        public class AccountController(SignInManager<AppUser> signIn) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Login(LoginModel model)
            {
                var result = await signIn.PasswordSignInAsync(model.Email, model.Password, false, lockoutOnFailure: true);
                return result.Succeeded ? Redirect("/") : View(model);
            }
        }
        """);

    [Test]
    public Task LockoutDoesNotCoverRegistration() => Run("""
        public class AccountController(SignInManager<AppUser> signIn) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> {|#0:Register|}(LoginModel model)
            {
                await signIn.PasswordSignInAsync(model.Email, model.Password, false, lockoutOnFailure: true);
                return Ok();
            }
        }
        """, Expected("AccountController.Register", "sign-up"));

    [Test]
    public Task CaptchaVerifiedInAction() => Run("""
        public interface ICaptcha { Task<bool> VerifyRecaptchaAsync(string token); }
        public class AccountController(ICaptcha captcha) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Register(LoginModel model, string token)
            {
                if (!await captcha.VerifyRecaptchaAsync(token)) return BadRequest();
                return Ok();
            }
        }
        """);

    [Test]
    public Task CaptchaInBoundModel() => Run("""
        public class RegisterModel { public string Email { get; set; } = ""; public string CaptchaResponse { get; set; } = ""; }
        public class AccountController : Controller
        {
            [HttpPost]
            public IActionResult Register(RegisterModel model) => Ok();
        }
        """);

    [Test]
    public Task LoginPageGetIsNotAnAttempt() => Run("""
        public class AccountController : Controller
        {
            [HttpGet]
            public IActionResult Login(string returnUrl) => View();
            [HttpPost]
            public IActionResult Logout() => Ok();
        }
        """);

    [Test]
    public Task GroupRequiresRateLimiting() => Run("""
        public static class Endpoints
        {
            public static void Map(WebApplication app)
            {
                var auth = app.MapGroup("/auth").RequireRateLimiting("auth");
                auth.MapPost("/login", (LoginModel m) => Results.Ok());
                app.MapPost("/register", (LoginModel m) => Results.Ok()).RequireRateLimiting("auth");
            }
        }
        """);

    [Test]
    public Task GroupHandedInByRateLimitedCaller() => Run("""
        public static class Endpoints
        {
            public static void Configure(WebApplication app) => MapAuth(app.MapGroup("/auth").RequireRateLimiting("auth"));
            private static void MapAuth(Microsoft.AspNetCore.Routing.RouteGroupBuilder group) => group.MapPost("/login", (LoginModel m) => Results.Ok());
        }
        """);

    [Test]
    public Task CouponRemovalAndAdminCouponsAreNotAttempts() => Run("""
        public class ShoppingCartController : Controller
        {
            [HttpPost]
            public IActionResult RemoveCoupon(string code) => Ok();
        }
        [Area("Admin")]
        public class CouponController : Controller
        {
            [HttpPost]
            public IActionResult ApplyCoupon(string code) => Ok();
        }
        """);

    [Test]
    public Task PaymentWebhookIsNotAnAttempt() => Run("""
        public class PaymentController : Controller
        {
            [HttpPost("payment/webhook")]
            public IActionResult ProcessPaymentWebhook() => Ok();
        }
        """);

    [Test]
    public Task PaymentWithoutCardMaterialIsNotCardTesting() => Run("""
        public class ProviderResponse { public string OrderId { get; set; } = ""; public string Signature { get; set; } = ""; public string CardToken { get; set; } = ""; }
        public class HostedPaymentController : Controller
        {
            [HttpPost]
            public IActionResult SubmitPayment(string paymentOption, string bankCode, System.Guid checkoutId) => Redirect("https://provider.example/pay");

            [HttpPost]
            public IActionResult Charge([FromForm] ProviderResponse response) => Ok();
        }
        """);

    [Test]
    public Task PaymentWithProviderToken() => Run("""
        public class StripeController : Controller
        {
            public IActionResult {|#0:Charge|}(string stripeEmail, string stripeToken, System.Guid checkoutId) => Ok();
        }
        """, Expected("StripeController.Charge", "payment attempt"));

    [Test]
    public Task ResetStepWithMailedToken() => Run("""
        public class ResetModel { public string Email { get; set; } = ""; public string Token { get; set; } = ""; public string NewPassword { get; set; } = ""; }
        public class AccountController : Controller
        {
            [HttpPost]
            public IActionResult PasswordRecoveryConfirm(ResetModel model) => Ok();
        }
        """);

    [Test]
    public Task TwoFactorFailurePublished() => Run("""
        public record CustomerLoginFailedEvent(string User);
        public interface IPublisher { Task Publish(object e); }
        public class AccountController(IPublisher mediator) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> TwoFactorAuthorization(string token)
            {
                if (token == "123456") return Redirect("/");
                await mediator.Publish(new CustomerLoginFailedEvent("user"));
                return View();
            }
        }
        """);

    [Test]
    public Task IdentityResetWithToken() => Run("""
        public class AccountController(UserManager<AppUser> users) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> ResetPassword(string email, string token, string password)
            {
                var user = await users.FindByEmailAsync(email);
                if (user != null) await users.ResetPasswordAsync(user, token, password);
                return Ok();
            }
        }
        """);

    [Test]
    public Task HandWrittenFailureCounter() => Run("""
        public class User { public int FailedLogins { get; set; } public string Hash { get; set; } = ""; }
        public class LoginController : Controller
        {
            [HttpPost]
            public IActionResult Index(LoginModel model, User user)
            {
                if (user.Hash != model.Password) { user.FailedLogins++; return Unauthorized(); }
                return Ok();
            }
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        public class AccountController : Controller
        {
            [HttpPost]
            public IActionResult {|#0:Register|}(LoginModel model) => Ok(
            [HttpPost] public void
        }
        public static class E { public static void M(WebApplication app) { app.MapPost("/login", ; app.MapGroup( } }
        """, Expected("AccountController.Register", "sign-up"));

    private static string Clean(string source) => source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty);
}
