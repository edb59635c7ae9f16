using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3014HandWrittenSignInWithoutAttemptLimitingAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3014HandWrittenSignInWithoutAttemptLimitingTests
{
    private const string Usings = """
        using System;
        using System.Linq;
        using System.Security.Cryptography;
        using System.Text;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Identity;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.RateLimiting;

        public class Customer
        {
            public string Email { get; set; } = "";
            public string PasswordHash { get; set; } = "";
            public byte[] Hash { get; set; } = Array.Empty<byte>();
            public int FailedLogins { get; set; }
            public DateTime? LockedUntil { get; set; }
        }
        public class LoginModel { public string Email { get; set; } = ""; public string Password { get; set; } = ""; }
        public interface ICustomers { Customer? GetByEmail(string email); }
        public static class BCrypt { public static bool Verify(string text, string hash) => false; }

        """;

    private static DiagnosticResult Expected(string method, string how, int location = 0) =>
        V.Diagnostic(Descriptors.SS3014HandWrittenSignInWithoutAttemptLimiting).WithLocation(location).WithArguments(method, how);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task PasswordHasherInController() => Run("""
        public class AccountController(ICustomers customers, IPasswordHasher<Customer> hasher) : Controller
        {
            [HttpPost]
            public IActionResult Login(LoginModel model)
            {
                var customer = customers.GetByEmail(model.Email);
                if (customer == null) return Unauthorized();
                if ({|#0:hasher.VerifyHashedPassword(customer, customer.PasswordHash, model.Password)|} == PasswordVerificationResult.Failed)
                    return Unauthorized();
                return Ok();
            }
        }
        """, Expected("AccountController.Login", "VerifyHashedPassword"));

    [Test]
    public Task BCryptInService() => Run("""
        public class AuthService(ICustomers customers)
        {
            public Customer? Authenticate(string email, string password)
            {
                var customer = customers.GetByEmail(email);
                return customer != null && {|#0:BCrypt.Verify(password, customer.PasswordHash)|} ? customer : null;
            }
        }
        public class SignInController(AuthService service) : Controller
        {
            [HttpPost]
            public IActionResult Login(LoginModel model) => service.Authenticate(model.Email, model.Password) != null ? Ok() : Unauthorized();
        }
        """, Expected("AuthService.Authenticate", "BCrypt.Verify"));

    [Test]
    public Task FixedTimeEqualsOfHashes() => Run("""
        public class SignInService(ICustomers customers)
        {
            public bool ValidateCredentials(string email, string password)
            {
                var customer = customers.GetByEmail(email);
                if (customer == null) return false;
                var hash = SHA256.HashData(Encoding.UTF8.GetBytes(password));
                return {|#0:CryptographicOperations.FixedTimeEquals(hash, customer.Hash)|};
            }
        }
        public class SignInController(SignInService service) : Controller
        {
            [HttpPost]
            public IActionResult Login(LoginModel model) => service.ValidateCredentials(model.Email, model.Password) ? Ok() : Unauthorized();
        }
        """, Expected("SignInService.ValidateCredentials", "CryptographicOperations.FixedTimeEquals of password hashes"));

    [Test]
    public Task HashEqualityInLoginService() => Run("""
        public class LoginService(ICustomers customers)
        {
            private static string HashOf(string s) => s;
            public async Task<bool> LoginAsync(string email, string password)
            {
                await Task.Yield();
                var customer = customers.GetByEmail(email);
                return customer != null && {|#0:customer.PasswordHash == HashOf(password)|};
            }
        }
        public class SignInController(LoginService service) : Controller
        {
            [HttpPost]
            public IActionResult Login(LoginModel model) => service.LoginAsync(model.Email, model.Password).Result ? Ok() : Unauthorized();
        }
        """, Expected("LoginService.LoginAsync", "a comparison of password hashes"));

    [Test]
    public Task UserManagerCheckPassword() => Run("""
        public class AppUser : IdentityUser { }
        public class TokenController(UserManager<AppUser> users) : ControllerBase
        {
            [HttpPost("signin")]
            public async Task<IActionResult> SignIn(LoginModel model)
            {
                var user = await users.FindByEmailAsync(model.Email);
                if (user == null || !await {|#0:users.CheckPasswordAsync(user, model.Password)|}) return Unauthorized();
                return Ok("token");
            }
        }
        """, Expected("TokenController.SignIn", "UserManager.CheckPasswordAsync"));

    [Test]
    public Task DisabledRateLimitingDoesNotCount() => Run("""
        [EnableRateLimiting("auth")]
        public class AccountController(ICustomers customers, IPasswordHasher<Customer> hasher) : Controller
        {
            [HttpPost, DisableRateLimiting]
            public IActionResult Login(LoginModel model)
            {
                var customer = customers.GetByEmail(model.Email)!;
                return {|#0:hasher.VerifyHashedPassword(customer, customer.PasswordHash, model.Password)|} == PasswordVerificationResult.Success ? Ok() : Unauthorized();
            }
        }
        """, Expected("AccountController.Login", "VerifyHashedPassword"));

    // ---- near misses ----

    [Test]
    public Task FailureCounterIncremented() => Run("""
        public class AuthService(ICustomers customers)
        {
            public Customer? Authenticate(string email, string password)
            {
                var customer = customers.GetByEmail(email);
                if (customer == null) return null;
                if (!BCrypt.Verify(password, customer.PasswordHash)) { customer.FailedLogins++; return null; }
                customer.FailedLogins = 0;
                return customer;
            }
        }
        """);

    [Test]
    public Task LockedUntilChecked() => Run("""
        public class AuthService(ICustomers customers)
        {
            public Customer? Authenticate(string email, string password)
            {
                var customer = customers.GetByEmail(email);
                if (customer == null || customer.LockedUntil > DateTime.UtcNow) return null;
                return BCrypt.Verify(password, customer.PasswordHash) ? customer : null;
            }
        }
        """);

    [Test]
    public Task IdentityAccessFailed() => Run("""
        public class AppUser : IdentityUser { }
        public class TokenController(UserManager<AppUser> users) : ControllerBase
        {
            [HttpPost("signin")]
            public async Task<IActionResult> SignIn(LoginModel model)
            {
                var user = await users.FindByEmailAsync(model.Email);
                if (user == null) return Unauthorized();
                if (!await users.CheckPasswordAsync(user, model.Password)) { await users.AccessFailedAsync(user); return Unauthorized(); }
                return Ok("token");
            }
        }
        """);

    [Test]
    public Task RateLimitedEndpoint() => Run("""
        public class AccountController(ICustomers customers, IPasswordHasher<Customer> hasher) : Controller
        {
            [HttpPost, EnableRateLimiting("sign-in")]
            public IActionResult Login(LoginModel model)
            {
                var customer = customers.GetByEmail(model.Email)!;
                return hasher.VerifyHashedPassword(customer, customer.PasswordHash, model.Password) == PasswordVerificationResult.Success ? Ok() : Unauthorized();
            }
        }
        """);

    [Test]
    public Task DelayOnFailure() => Run("""
        public class AuthService(ICustomers customers)
        {
            public async Task<Customer?> LoginAsync(string email, string password)
            {
                var customer = customers.GetByEmail(email);
                if (customer != null && BCrypt.Verify(password, customer.PasswordHash)) return customer;
                await Task.Delay(1000);
                return null;
            }
        }
        """);

    [Test]
    public Task ServiceCalledFromNowhereVisible() => Run("""
        public class AuthService(ICustomers customers)
        {
            public Customer? Authenticate(string email, string password)
            {
                var customer = customers.GetByEmail(email);
                return customer != null && BCrypt.Verify(password, customer.PasswordHash) ? customer : null;
            }
        }
        """);

    [Test]
    public Task CallerPublishesFailedSignIn() => Run("""
        public record CustomerLoginFailedEvent(string Email);
        public interface IAuthService { Customer? Authenticate(string email, string password); }
        public class AuthService(ICustomers customers) : IAuthService
        {
            public Customer? Authenticate(string email, string password)
            {
                var customer = customers.GetByEmail(email);
                return customer != null && BCrypt.Verify(password, customer.PasswordHash) ? customer : null;
            }
        }
        public class SignInController(IAuthService service) : Controller
        {
            [HttpPost]
            public IActionResult Login(LoginModel model)
            {
                if (service.Authenticate(model.Email, model.Password) is null)
                {
                    _ = new CustomerLoginFailedEvent(model.Email);
                    return Unauthorized();
                }

                return Ok();
            }
        }
        """);

    [Test]
    public Task ChangePasswordIsNotSignIn() => Run("""
        public class ProfileService(ICustomers customers)
        {
            public bool ChangePassword(string email, string oldPassword, string newPassword)
            {
                var customer = customers.GetByEmail(email)!;
                return BCrypt.Verify(oldPassword, customer.PasswordHash);
            }
        }
        """);

    [Test]
    public Task SignInWithoutPasswordCheck() => Run("""
        public class LoginService(ICustomers customers)
        {
            public Customer? Login(string email) => customers.GetByEmail(email);
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        public class AuthService(ICustomers customers)
        {
            public Customer? Authenticate(string email, string password)
            {
                var customer = customers.GetByEmail(email;
                return {|#0:BCrypt.Verify(password, customer.PasswordHash)|} ? customer :
            }
        }
        public class SignInController(AuthService service) : Controller
        {
            [HttpPost]
            public IActionResult Login(LoginModel model) => service.Authenticate(model.Email, model.Password) != null ? Ok() : Unauthorized();
        }
        """, Expected("AuthService.Authenticate", "BCrypt.Verify"));
}
