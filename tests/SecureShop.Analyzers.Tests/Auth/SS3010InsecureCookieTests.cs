using Microsoft.CodeAnalysis.Testing;
using F = SecureShop.Analyzers.Tests.Infrastructure.VerifyFix<SecureShop.Analyzers.Auth.SS3010InsecureCookieAnalyzer, SecureShop.Analyzers.CodeFixes.Auth.SS3010SecureCookieCodeFix>;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3010InsecureCookieAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3010InsecureCookieTests
{
    private const string Usings = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private static DiagnosticResult Expected(string cookie, string problem, int location = 0) =>
        V.Diagnostic(Descriptors.SS3010InsecureCookie).WithLocation(location).WithArguments(cookie, problem);

    private static Task Run(string body, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + $$"""
        public static class Cookies
        {
            public static void Write(HttpResponse response, IServiceCollection services, string value, bool secure)
            {
                {{body}}
            }
        }
        """, expected);

    // ---- positives ----

    [Test]
    public Task SessionCookieWithoutOptions() => Run("""
        {|#0:response.Cookies.Append("shop_session", value)|};
        """, Expected("shop_session", "Secure is off, HttpOnly is off"));

    [Test]
    public Task SecureExplicitlyOff() => Run("""
        {|#0:response.Cookies.Append("currency", value, new CookieOptions { Secure = false })|};
        """, Expected("currency", "Secure is off"));

    [Test]
    public Task AuthTokenHttpOnlyOff() => Run("""
        {|#0:response.Cookies.Append("AuthToken", value, new CookieOptions { Secure = true, HttpOnly = false })|};
        """, Expected("AuthToken", "HttpOnly is off"));

    [Test]
    public Task ScriptReadableAntiforgeryTokenCookieOverSecureTransport() => Run("""
        response.Cookies.Append("XSRF-TOKEN", value, new CookieOptions { HttpOnly = false, Secure = true });
        """);

    [Test]
    public Task ScriptReadableAntiforgeryTokenCookieWithoutSecureStillReportsSecure() => Run("""
        {|#0:response.Cookies.Append("XSRF-TOKEN", value, new CookieOptions { HttpOnly = false })|};
        """, Expected("XSRF-TOKEN", "Secure is off"));

    [Test]
    public Task SameSiteNoneWithoutSecure() => Run("""
        {|#0:response.Cookies.Append("widget", value, new CookieOptions { SameSite = SameSiteMode.None })|};
        """, Expected("widget", "SameSite=None without Secure"));

    [Test]
    public Task OptionsInLocal() => Run("""
        var options = new CookieOptions { HttpOnly = true };
        options.Secure = false;
        {|#0:response.Cookies.Append("remember_me", value, options)|};
        """, Expected("remember_me", "Secure is off"));

    [Test]
    public Task AuthenticationCookieSecurePolicyNone() => Run("""
        services.AddAuthentication().AddCookie(o => {|#0:o.Cookie.SecurePolicy = CookieSecurePolicy.None|});
        """, Expected("the CookieAuthenticationOptions cookie", "SecurePolicy is None"));

    [Test]
    public Task SessionCookieHttpOnlyOff() => Run("""
        services.AddSession(o => {|#0:o.Cookie.HttpOnly = false|});
        """, Expected("the SessionOptions cookie", "HttpOnly is off"));

    // ---- near-miss negatives ----

    [Test]
    public Task SecureHttpOnlySessionCookie() => Run("""
        response.Cookies.Append("shop_session", value, new CookieOptions { Secure = true, HttpOnly = true, SameSite = SameSiteMode.Lax });
        """);

    [Test]
    public Task PreferenceCookieWithDefaults() => Run("""
        response.Cookies.Append("theme", value);
        response.Cookies.Append("currency", value, new CookieOptions { MaxAge = System.TimeSpan.FromDays(30) });
        """);

    [Test]
    public Task FlagsFromConfiguration() => Run("""
        response.Cookies.Append("session", value, new CookieOptions { Secure = secure, HttpOnly = secure });
        """);

    [Test]
    public Task GlobalCookiePolicy() => V.AnalyzerAsync(Usings + """
        public static class Setup
        {
            public static void Use(IApplicationBuilder app) =>
                app.UseCookiePolicy(new CookiePolicyOptions { Secure = CookieSecurePolicy.Always, HttpOnly = Microsoft.AspNetCore.CookiePolicy.HttpOnlyPolicy.Always });
            public static void Write(HttpResponse response, string value) => response.Cookies.Append("session", value);
        }
        """);

    [Test]
    public Task CookieBuilderSecureAlways() => Run("""
        services.AddAuthentication().AddCookie(o => { o.Cookie.SecurePolicy = CookieSecurePolicy.Always; o.Cookie.HttpOnly = true; });
        services.AddSession(o => o.Cookie.IsEssential = false);
        """);

    [Test]
    public Task OwnCookieBuilderOnOtherOptions() => V.AnalyzerAsync(Usings + """
        public class WidgetOptions { public CookieBuilder Cookie { get; } = new CookieBuilder(); }
        public static class Setup
        {
            public static void Configure(WidgetOptions o) => o.Cookie.HttpOnly = false;
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        public static class Cookies
        {
            public static void Write(HttpResponse response, string value)
            {
                {|#0:response.Cookies.Append("session", value)|};
                response.Cookies.Append("auth", value, new CookieOptions { Secure = );
            }
        """, Expected("session", "Secure is off, HttpOnly is off"));

    // ---- code fix ----

    [Test]
    public Task FixSetsFlagsEverywhere() => F.FixAsync(Usings + """
        public static class Cookies
        {
            public static void Write(HttpResponse response, IServiceCollection services, string value)
            {
                {|#0:response.Cookies.Append("shop_session", value)|};
                {|#1:response.Cookies.Append("currency", value, new CookieOptions { Secure = false })|};
                {|#2:response.Cookies.Append("AuthToken", value, new CookieOptions { Secure = true })|};
                services.AddAuthentication().AddCookie(o => {|#3:o.Cookie.SecurePolicy = CookieSecurePolicy.None|});
            }
        }
        """, Usings + """
        public static class Cookies
        {
            public static void Write(HttpResponse response, IServiceCollection services, string value)
            {
                response.Cookies.Append("shop_session", value, new CookieOptions { Secure = true, HttpOnly = true });
                response.Cookies.Append("currency", value, new CookieOptions { Secure = true });
                response.Cookies.Append("AuthToken", value, new CookieOptions { Secure = true, HttpOnly = true });
                services.AddAuthentication().AddCookie(o => o.Cookie.SecurePolicy = CookieSecurePolicy.Always);
            }
        }
        """,
        Expected("shop_session", "Secure is off, HttpOnly is off", 0),
        Expected("currency", "Secure is off", 1),
        Expected("AuthToken", "HttpOnly is off", 2),
        Expected("the CookieAuthenticationOptions cookie", "SecurePolicy is None", 3));
}
