using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3015AccountEnumerationAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3015AccountEnumerationTests
{
    private const string Usings = """
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;

        public class LoginModel { public string Email { get; set; } = ""; public string Password { get; set; } = ""; }
        public class AppUser : IdentityUser { public string Hash { get; set; } = ""; }
        public interface IHasher { bool Verify(string password, string hash); }
        public interface IUserRepository { AppUser? GetByEmail(string email); System.Collections.Generic.List<AppUser> Users { get; } }

        """;

    private static DiagnosticResult Expected(string endpoint, string unknown, string other, string otherAnswer, int location = 0) =>
        V.Diagnostic(Descriptors.SS3015AccountEnumeration).WithLocation(location).WithArguments(endpoint, "account", unknown, other, otherAnswer);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    private static string Clean(string source) => source.Replace("{|#0:", string.Empty).Replace("|}", string.Empty);

    // ---- positives ----

    private const string StatusCodes = """
        [ApiController]
        public class AuthController(UserManager<AppUser> users, IHasher hasher) : ControllerBase
        {
            [HttpPost("login")]
            public async Task<IActionResult> Login(LoginModel model)
            {
                var user = await users.FindByEmailAsync(model.Email);
                if (user == null)
                    {|#0:return NotFound();|}
                if (!hasher.Verify(model.Password, user.Hash))
                    return Unauthorized();
                return Ok("token");
            }
        }
        """;

    [Test]
    public Task NotFoundVersusUnauthorized() => Run(StatusCodes, Expected("AuthController.Login", "NotFound", "a wrong password", "Unauthorized"));

    [Test]
    public Task DifferentModelErrors() => Run("""
        public class AccountController(UserManager<AppUser> users, SignInManager<AppUser> signIn) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Login(LoginModel model)
            {
                var user = await users.FindByNameAsync(model.Email);
                if (user is null)
                {
                    ModelState.AddModelError(string.Empty, "No account uses this e-mail address");
                    {|#0:return View(model);|}
                }

                var result = await signIn.CheckPasswordSignInAsync(user, model.Password, true);
                if (!result.Succeeded)
                {
                    ModelState.AddModelError(string.Empty, "Wrong password");
                    return View(model);
                }

                return Redirect("/");
            }
        }
        """, Expected("AccountController.Login", "View \"No account uses this e-mail address\"", "a wrong password", "View \"Wrong password\""));

    [Test]
    public Task DifferentMessagesInSameResultType() => Run("""
        public class AuthController(IUserRepository repository, IHasher hasher) : ControllerBase
        {
            [HttpPost("signin")]
            public IActionResult SignIn(LoginModel model)
            {
                var user = repository.GetByEmail(model.Email);
                if (user == null) {|#0:return BadRequest("Unknown user");|}
                if (!hasher.Verify(model.Password, user.Hash)) return BadRequest("Invalid password");
                return Ok();
            }
        }
        """, Expected("AuthController.SignIn", "BadRequest \"Unknown user\"", "a wrong password", "BadRequest \"Invalid password\""));

    [Test]
    public Task ForgotPasswordUnknownEmail() => Run("""
        public class AccountController(UserManager<AppUser> users) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> ForgotPassword(string email)
            {
                var user = await users.FindByEmailAsync(email);
                if (user == null)
                {
                    {|#0:return NotFound("No such e-mail");|}
                }

                await users.GeneratePasswordResetTokenAsync(user);
                return Ok("Mail sent");
            }
        }
        """, Expected("AccountController.ForgotPassword", "NotFound \"No such e-mail\"", "a known one", "Ok \"Mail sent\""));

    [Test]
    public Task FirstOrDefaultLookup() => Run("""
        public class LoginController(IUserRepository repository, IHasher hasher) : Controller
        {
            [HttpPost]
            public IActionResult Index(LoginModel model)
            {
                var account = repository.Users.FirstOrDefault(u => u.Email == model.Email);
                if (account == null) {|#0:return Json(new { error = "User does not exist" });|}
                if (!hasher.Verify(model.Password, account.Hash)) return Json(new { error = "Invalid credentials" });
                return Json(new { ok = true });
            }
        }
        """, Expected("LoginController.Index", "Json \"User does not exist\"", "a wrong password", "Json \"Invalid credentials\""));

    [Test]
    public Task PasswordRecoveryPage() => Run("""
        namespace Shop.Pages.Account
        {
            public class ForgotPasswordModel(UserManager<AppUser> users) : PageModel
            {
                public async Task<IActionResult> OnPostAsync(string email)
                {
                    var user = await users.FindByEmailAsync(email);
                    if (user == null) {|#0:return RedirectToPage("./UnknownEmail");|}
                    await users.GeneratePasswordResetTokenAsync(user);
                    return RedirectToPage("./ForgotPasswordConfirmation");
                }
            }
        }
        """, Expected("/Account/ForgotPassword OnPostAsync", "Redirect \"./UnknownEmail\"", "a known one", "Redirect \"./ForgotPasswordConfirmation\""));

    // ---- near misses ----

    [Test]
    public Task SameAnswerOnBothBranches() => Run("""
        public class AuthController(UserManager<AppUser> users, IHasher hasher) : ControllerBase
        {
            [HttpPost("login")]
            public async Task<IActionResult> Login(LoginModel model)
            {
                var user = await users.FindByEmailAsync(model.Email);
                if (user == null) return Unauthorized("Invalid e-mail or password");
                if (!hasher.Verify(model.Password, user.Hash)) return Unauthorized("Invalid e-mail or password");
                return Ok("token");
            }
        }
        """);

    [Test]
    public Task SingleGenericError() => Run("""
        public class AuthController(UserManager<AppUser> users, IHasher hasher) : ControllerBase
        {
            [HttpPost("login")]
            public async Task<IActionResult> Login(LoginModel model)
            {
                var user = await users.FindByEmailAsync(model.Email);
                if (user == null || !hasher.Verify(model.Password, user.Hash)) return Unauthorized();
                return Ok("token");
            }
        }
        """);

    [Test]
    public Task SameModelErrorOnBothBranches() => Run("""
        public class AccountController(UserManager<AppUser> users, SignInManager<AppUser> signIn) : Controller
        {
            private const string Invalid = "Invalid login attempt.";

            [HttpPost]
            public async Task<IActionResult> Login(LoginModel model)
            {
                var user = await users.FindByNameAsync(model.Email);
                if (user is null)
                {
                    ModelState.AddModelError(string.Empty, Invalid);
                    return View(model);
                }

                var result = await signIn.CheckPasswordSignInAsync(user, model.Password, true);
                if (!result.Succeeded)
                {
                    ModelState.AddModelError(string.Empty, Invalid);
                    return View(model);
                }

                return Redirect("/");
            }
        }
        """);

    [Test]
    public Task ResetAlwaysSaysMailSent() => Run("""
        public class AccountController(UserManager<AppUser> users) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> ForgotPassword(string email)
            {
                var user = await users.FindByEmailAsync(email);
                if (user == null)
                {
                    return View("ForgotPasswordConfirmation");
                }

                await users.GeneratePasswordResetTokenAsync(user);
                return RedirectToAction(nameof(ForgotPasswordConfirmation));
            }

            public IActionResult ForgotPasswordConfirmation() => View();
        }
        """);

    [Test]
    public Task ResetSameOkBothWays() => Run("""
        public class AuthController(UserManager<AppUser> users) : ControllerBase
        {
            [HttpPost("password/forgot")]
            public async Task<IActionResult> ForgotPassword(string email)
            {
                var user = await users.FindByEmailAsync(email);
                if (user == null) return Ok("If an account exists, we sent a mail.");
                await users.GeneratePasswordResetTokenAsync(user);
                return Ok("If an account exists, we sent a mail.");
            }
        }
        """);

    [Test]
    public Task NotASignInEndpoint() => Run(Clean(StatusCodes).Replace("Login(", "Profile(").Replace("\"login\"", "\"profile\""));

    [Test]
    public Task LookupOfSomethingElse() => Run("""
        public interface IOrders { object? GetById(int id); }
        public class LoginController(IOrders orders) : ControllerBase
        {
            [HttpPost]
            public IActionResult Index(int id)
            {
                var order = orders.GetById(id);
                if (order == null) return NotFound();
                return Unauthorized();
            }
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        public class AccountController(UserManager<AppUser> users) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Login(LoginModel model)
            {
                var user = await users.FindByEmailAsync(;
                if (user == null) {|#0:return NotFound();|}
                return Unauthorized(
            }
        }
        """, Expected("AccountController.Login", "NotFound", "a wrong password", "Unauthorized"));
}
