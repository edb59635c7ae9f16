using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3009OpenRedirectAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

/// <summary>Redirect URLs made by the project's own methods (MethodSummaries, at most three nested calls).</summary>
public class SS3009OpenRedirectAcrossMethodsTests
{
    private const string Shop = """
        using Microsoft.AspNetCore.Mvc;

        public static class Urls
        {
            public static string Clean(string url) => {|#3:url ?? "/"|};
            public static string Twice(string url) => {|#4:Clean(Clean(url))|};
            public static string Orders(string id) => "/orders/" + id;
            public static string Checked(IUrlHelper helper, string url) => helper.IsLocalUrl(url) ? url : "/";
            public static string Home(string url) => "/";
        }

        """;

    private static DiagnosticResult Expected(string source, int returned) =>
        V.Diagnostic(Descriptors.SS3009OpenRedirect).WithLocation(0).WithLocation(1).WithLocation(returned).WithArguments("ControllerBase.Redirect", source);

    [Test]
    public Task ReturnUrlThroughAHelper() => V.AnalyzerAsync(Shop + """
        public class AccountController : Controller
        {
            public IActionResult LoggedIn(string returnUrl) => {|#0:Redirect({|#1:Urls.Clean(returnUrl)|})|};
        }
        """, Expected("parameter 'returnUrl' (through 'Clean')", 3));

    [Test]
    public Task ReturnUrlThroughNestedHelpers() => V.AnalyzerAsync(Shop + """
        public class AccountController : Controller
        {
            public IActionResult LoggedIn(string returnUrl)
            {
                var next = {|#1:Urls.Twice(returnUrl)|};
                return {|#0:Redirect(next)|};
            }
        }
        """, Expected("parameter 'returnUrl' (through 'Twice')", 4));

    [Test]
    public Task NearMisses() => V.AnalyzerAsync(Shop + """
        public class AccountController : Controller
        {
            public IActionResult A(string id) => Redirect(Urls.Orders(id));
            public IActionResult B(string returnUrl) => Redirect(Urls.Checked(Url, returnUrl));
            public IActionResult C(string returnUrl) => Redirect(Urls.Home(returnUrl));
            public IActionResult D(string returnUrl) => Redirect(System.IO.Path.GetFileName(returnUrl));
        }
        """);
}
