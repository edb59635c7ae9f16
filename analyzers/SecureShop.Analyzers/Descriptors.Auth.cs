using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers
{
    /// <summary>SS3xxx: authentication and session (PCI DSS requirements 6, 7 and 8).</summary>
    internal static partial class Descriptors
    {
        internal static readonly DiagnosticDescriptor SS3005SensitiveEndpointWithoutAuthorization = Rule(
            "SS3005",
            "Sensitive endpoint without authorization (checkout, orders, payment, admin, account)",
            "'{0}' handles {1} data but is reachable without authorization: {2}",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 862,
            pciDss: new[] { "7.2" },
            securitySeverity: 6.5,
            description: "Checkout, payment, order, admin, account and customer endpoints must require an authenticated, authorized user. The rule reads the application's global configuration first (global AuthorizeFilter, fallback policy, MapControllers().RequireAuthorization(), route groups, Razor Pages conventions) and reports only endpoints that none of it covers, or that opt out with AllowAnonymous.");

        internal static readonly DiagnosticDescriptor SS3008MissingAntiforgery = Rule(
            "SS3008",
            "State-changing action without anti-forgery protection",
            "'{0}' changes state under cookie authentication without anti-forgery validation: {1}",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 352,
            pciDss: new[] { "6.2.4" },
            securitySeverity: 6.0,
            description: "A POST, PUT, PATCH or DELETE action of an application that signs users in with a cookie can be triggered by any other site the customer visits, unless the request must carry an anti-forgery token. ValidateAntiForgeryToken or AutoValidateAntiforgeryToken on the action, the controller or as a global filter protects it; IgnoreAntiforgeryToken removes the protection.");
    }
}
