using Microsoft.CodeAnalysis.Testing;
using SecureShop.Analyzers.Auth;
using SecureShop.Analyzers.CodeFixes.Auth;
using F = SecureShop.Analyzers.Tests.Infrastructure.VerifyFix<SecureShop.Analyzers.Auth.SS3006NoLockoutOnFailedSignInAnalyzer, SecureShop.Analyzers.CodeFixes.Auth.SS3006LockoutOnFailureCodeFix>;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3006NoLockoutOnFailedSignInAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3006NoLockoutOnFailedSignInTests
{
    private const string Header = """
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Identity;

        public class AppUser : IdentityUser { }

        """;

    private static DiagnosticResult Expected(string what, int location = 0) =>
        V.Diagnostic(Descriptors.SS3006NoLockoutOnFailedSignIn).WithLocation(location).WithArguments(what);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Header + source, expected);

    private const string Password = "PasswordSignInAsync(..., lockoutOnFailure: false)";
    private const string Check = "CheckPasswordSignInAsync(..., lockoutOnFailure: false)";

    // ---- positives ----

    [Test]
    public Task NamedArgument() => Run("""
        public class Login(SignInManager<AppUser> signIn)
        {
            public Task<SignInResult> Go(string u, string p) => signIn.PasswordSignInAsync(u, p, isPersistent: false, lockoutOnFailure: {|#0:false|});
        }
        """, Expected(Password));

    [Test]
    public Task PositionalArgument() => Run("""
        public class Login(SignInManager<AppUser> signIn)
        {
            public Task<SignInResult> Go(string u, string p) => signIn.PasswordSignInAsync(u, p, true, {|#0:false|});
        }
        """, Expected(Password));

    [Test]
    public Task CheckPasswordSignIn() => Run("""
        public class Api(SignInManager<AppUser> signIn)
        {
            public Task<SignInResult> Go(AppUser user, string p) => signIn.CheckPasswordSignInAsync(user, p, {|#0:false|});
        }
        """, Expected(Check));

    [Test]
    public Task ConstantArgument() => Run("""
        public class Login(SignInManager<AppUser> signIn)
        {
            private const bool Lockout = false;
            public Task<SignInResult> Go(AppUser user, string p) => signIn.PasswordSignInAsync(user, p, false, {|#0:Lockout|});
        }
        """, Expected(Password));

    [Test]
    public Task DerivedSignInManager() => Run("""
        public class ShopSignInManager : SignInManager<AppUser>
        {
            public ShopSignInManager() : base(null!, null!, null!, null!, null!, null!, null!) { }
        }
        public class Login(ShopSignInManager signIn)
        {
            public async Task Go(string u, string p) => await signIn.PasswordSignInAsync(u, p, false, lockoutOnFailure: {|#0:false|});
        }
        """, Expected(Password));

    [Test]
    public Task LockoutNotAllowedForNewUsers() => Run("""
        public static class IdentitySetup
        {
            public static void Configure(IdentityOptions o) => {|#0:o.Lockout.AllowedForNewUsers = false|};
        }
        """, Expected("LockoutOptions.AllowedForNewUsers = false"));

    [Test]
    public Task LockoutOptionsInitializer() => Run("""
        public static class IdentitySetup
        {
            public static LockoutOptions Options() => new LockoutOptions { {|#0:AllowedForNewUsers = false|}, MaxFailedAccessAttempts = 5 };
        }
        """, Expected("LockoutOptions.AllowedForNewUsers = false"));

    // ---- near-miss negatives ----

    [Test]
    public Task LockoutOnFailureTrue() => Run("""
        public class Login(SignInManager<AppUser> signIn)
        {
            public Task<SignInResult> Go(string u, string p) => signIn.PasswordSignInAsync(u, p, isPersistent: false, lockoutOnFailure: true);
        }
        """);

    [Test]
    public Task IsPersistentFalseIsNotLockout() => Run("""
        public class Login(SignInManager<AppUser> signIn)
        {
            public Task<SignInResult> Go(string u, string p) => signIn.PasswordSignInAsync(u, p, isPersistent: false, lockoutOnFailure: true);
            public Task Remember(AppUser user) => signIn.SignInAsync(user, isPersistent: false);
        }
        """);

    [Test]
    public Task ValueFromSettings() => Run("""
        public class Login(SignInManager<AppUser> signIn, bool lockoutEnabled)
        {
            public Task<SignInResult> Go(string u, string p) => signIn.PasswordSignInAsync(u, p, false, lockoutEnabled);
        }
        """);

    [Test]
    public Task IdentityDefaults() => Run("""
        public static class IdentitySetup
        {
            public static void Configure(IdentityOptions o) { o.Lockout.AllowedForNewUsers = true; o.SignIn.RequireConfirmedEmail = false; }
        }
        """);

    [Test]
    public Task OwnSignInServiceWithSameMethod() => Run("""
        public class FakeSignIn { public Task<bool> PasswordSignInAsync(string u, string p, bool persist, bool lockoutOnFailure) => Task.FromResult(true); }
        public class Login(FakeSignIn signIn)
        {
            public Task<bool> Go(string u, string p) => signIn.PasswordSignInAsync(u, p, false, false);
        }
        """);

    [Test]
    public Task TwoFactorSignIn() => Run("""
        public class Login(SignInManager<AppUser> signIn)
        {
            public Task<SignInResult> Go(string code) => signIn.TwoFactorAuthenticatorSignInAsync(code, false, false);
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Header + """
        public class Login(SignInManager<AppUser> signIn)
        {
            public Task<SignInResult> Go(string u, string p) => signIn.PasswordSignInAsync(u, p, false, lockoutOnFailure: {|#0:false|});
            public void Broken( { signIn.PasswordSignInAsync(u, , false, false
        }
        """, Expected(Password));

    // ---- code fix ----

    [Test]
    public Task FixSetsLockoutOnFailureTrueEverywhere() => F.FixAsync(Header + """
        public class Login(SignInManager<AppUser> signIn)
        {
            public Task<SignInResult> Web(string u, string p) => signIn.PasswordSignInAsync(u, p, isPersistent: false, lockoutOnFailure: {|#0:false|});
            public Task<SignInResult> Api(AppUser user, string p) => signIn.CheckPasswordSignInAsync(user, p, {|#1:false|});
        }
        """, Header + """
        public class Login(SignInManager<AppUser> signIn)
        {
            public Task<SignInResult> Web(string u, string p) => signIn.PasswordSignInAsync(u, p, isPersistent: false, lockoutOnFailure: true);
            public Task<SignInResult> Api(AppUser user, string p) => signIn.CheckPasswordSignInAsync(user, p, true);
        }
        """, Expected(Password, 0), Expected(Check, 1));

    [Test]
    public Task FixLeavesOptionsAlone()
    {
        var source = Header + """
            public static class IdentitySetup
            {
                public static void Configure(IdentityOptions o) => {|#0:o.Lockout.AllowedForNewUsers = false|};
            }
            """;
        return F.FixAsync(source, source, Expected("LockoutOptions.AllowedForNewUsers = false"));
    }
}
