using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3008: an MVC action that changes state (HttpPost/Put/Patch/Delete) in an application that signs users
    /// in with a cookie, with no anti-forgery validation at action, controller or global-filter level, or with
    /// <c>[IgnoreAntiforgeryToken]</c>. [ApiController] controllers that authenticate only with bearer tokens are
    /// not at risk (the browser does not attach a bearer token by itself). Razor Pages validate by default, so only
    /// a page handler that turns validation off is reported.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3008MissingAntiforgeryAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> s_stateChangingAttributes = ImmutableHashSet.Create(
            StringComparer.Ordinal, "HttpPostAttribute", "HttpPutAttribute", "HttpPatchAttribute", "HttpDeleteAttribute");

        private static readonly ImmutableHashSet<string> s_validatingAttributes = ImmutableHashSet.Create(
            StringComparer.Ordinal, "ValidateAntiForgeryTokenAttribute", "AutoValidateAntiforgeryTokenAttribute");

        private const string IgnoreAttribute = "IgnoreAntiforgeryTokenAttribute";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3008MissingAntiforgery);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var configuration = AppSecurityConfiguration.For(start.Compilation);
                var controllerBase = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
                var pageModel = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                if (configuration is null || (controllerBase is null && pageModel is null))
                {
                    return;
                }

                start.RegisterSymbolAction(c => Analyze(c, configuration, controllerBase, pageModel), SymbolKind.Method);
            });
        }

        private static void Analyze(SymbolAnalysisContext context, AppSecurityConfiguration configuration, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (method.Locations.IsDefaultOrEmpty || method.MethodKind != MethodKind.Ordinary || method.IsStatic)
            {
                return;
            }

            if (pageModel is not null && method.ContainingType.InheritsFrom(pageModel))
            {
                AnalyzePageHandler(context, method, configuration);
                return;
            }

            if (!method.IsControllerAction(controllerBase))
            {
                return;
            }

            var verb = method.Attributes().FirstOrDefault(a => a.AttributeClass is not null && s_stateChangingAttributes.Contains(a.AttributeClass.Name));
            if (verb is null || !configuration.UsesCookieAuthentication)
            {
                return;
            }

            var controller = method.ContainingType;
            bool apiController = OnTypeChain(controller, "ApiControllerAttribute") ||
                method.ContainingAssembly.Attributes().Any(a => a.AttributeClass?.Name == "ApiControllerAttribute");
            if (apiController && AuthenticatesOnlyWithBearer(method, controller))
            {
                return;
            }

            // A browser's cross-site form cannot send a JSON body: an action that reads its input from the body
            // ([FromBody], or a complex parameter that [ApiController] binds from the body) is no CSRF target.
            // Nor are payment-provider webhooks and callbacks, which carry a signature instead of a cookie.
            // Signing out only ends the session of whoever sends it: a forged sign-out costs a sign-in, nothing more.
            if (ReadsJsonBody(method, apiController) || SensitiveEndpoint.IsServerToServerCall(method.Name, method.RouteTemplate(), controller.RouteTemplate(), controller.Name) ||
                SensitiveEndpoint.IsSignOut(method.Name, method.RouteTemplate()))
            {
                return;
            }

            string display = $"{controller.Name}.{method.Name}";
            if (method.HasAttributeNamed(IgnoreAttribute))
            {
                Report(context, method, display, "[IgnoreAntiforgeryToken] turns validation off");
                return;
            }

            if (HasAny(method, s_validatingAttributes) || TypeChainHasAny(controller, s_validatingAttributes))
            {
                return;
            }

            if (OnTypeChain(controller, IgnoreAttribute))
            {
                Report(context, method, display, $"[IgnoreAntiforgeryToken] on {controller.Name} turns validation off");
                return;
            }

            if (configuration.GlobalAntiforgeryFilter && !configuration.GlobalIgnoreAntiforgery)
            {
                return;
            }

            string verbName = verb.AttributeClass!.Name.Substring(0, verb.AttributeClass.Name.Length - "Attribute".Length);
            Report(context, method, display, $"[{verbName}] without [ValidateAntiForgeryToken] on the action or controller, or a global AutoValidateAntiforgeryToken filter{CookieSource(configuration)}");
        }

        private static void AnalyzePageHandler(SymbolAnalysisContext context, IMethodSymbol method, AppSecurityConfiguration configuration)
        {
            if (method.DeclaredAccessibility != Accessibility.Public || !IsStateChangingHandler(method.Name) || !configuration.UsesCookieAuthentication)
            {
                return;
            }

            string display = $"{method.ContainingType.Name}.{method.Name}";
            if (method.HasAttributeNamed(IgnoreAttribute) || OnTypeChain(method.ContainingType, IgnoreAttribute))
            {
                Report(context, method, display, "[IgnoreAntiforgeryToken] turns off the validation Razor Pages do by default");
            }
            else if (configuration.GlobalIgnoreAntiforgery && !TypeChainHasAny(method.ContainingType, s_validatingAttributes))
            {
                Report(context, method, display, "a global IgnoreAntiforgeryToken filter turns off the validation Razor Pages do by default");
            }
        }

        /// <summary>Why the rule thinks a browser sends an ambient cookie here: the call that signs users in with cookies.</summary>
        private static string CookieSource(AppSecurityConfiguration configuration) =>
            configuration.CookieAuthenticationCall is { } call ? $" (the app signs users in with cookies: {call})" : string.Empty;

        /// <summary>[FromBody] on a parameter, or (under [ApiController]) a complex parameter with no binding source, which is bound from the JSON body.</summary>
        private static bool ReadsJsonBody(IMethodSymbol method, bool apiController)
        {
            foreach (var parameter in method.Parameters)
            {
                var sources = parameter.Attributes().Select(a => a.AttributeClass?.Name).Where(n => n is not null && n.StartsWith("From", StringComparison.Ordinal)).ToList();
                if (sources.Contains("FromBodyAttribute"))
                {
                    return true;
                }

                if (apiController && sources.Count == 0 && IsComplex(parameter.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsComplex(ITypeSymbol type) =>
            type.SpecialType == SpecialType.None && type.TypeKind is TypeKind.Class or TypeKind.Struct &&
            !type.IsValueType && type.Name is not ("IFormFile" or "IFormFileCollection" or "IFormCollection" or "CancellationToken" or "Uri" or "Guid" or "DateTime" or "DateTimeOffset" or "Decimal");

        private static bool IsStateChangingHandler(string name) =>
            name.StartsWith("OnPost", StringComparison.Ordinal) || name.StartsWith("OnPut", StringComparison.Ordinal) ||
            name.StartsWith("OnDelete", StringComparison.Ordinal) || name.StartsWith("OnPatch", StringComparison.Ordinal);

        /// <summary>Every [Authorize] that applies names its schemes, and none of them is a cookie scheme.</summary>
        private static bool AuthenticatesOnlyWithBearer(IMethodSymbol method, INamedTypeSymbol controller)
        {
            var schemes = method.Attributes().Concat(TypeChain(controller).SelectMany(t => t.Attributes()))
                .Where(a => a.AttributeClass?.Name == "AuthorizeAttribute")
                .Select(a => a.NamedArguments.FirstOrDefault(n => n.Key == "AuthenticationSchemes").Value.Value as string)
                .ToArray();
            return schemes.Length > 0 && schemes.All(s => s is not null && !s.Split(',').Any(IsCookieScheme));
        }

        private static bool IsCookieScheme(string scheme)
        {
            string trimmed = scheme.Trim();
            return trimmed.IndexOf("Cookie", StringComparison.OrdinalIgnoreCase) >= 0 || trimmed.StartsWith("Identity.", StringComparison.Ordinal);
        }

        private static void Report(SymbolAnalysisContext context, IMethodSymbol method, string display, string reason) =>
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS3008MissingAntiforgery, method.Locations[0], display, reason));

        private static bool HasAny(ISymbol symbol, ImmutableHashSet<string> attributeNames) =>
            symbol.Attributes().Any(a => a.AttributeClass is not null && attributeNames.Contains(a.AttributeClass.Name));

        private static bool TypeChainHasAny(INamedTypeSymbol type, ImmutableHashSet<string> attributeNames) => TypeChain(type).Any(t => HasAny(t, attributeNames));

        private static bool OnTypeChain(INamedTypeSymbol type, string attributeName) => TypeChain(type).Any(t => t.HasAttributeNamed(attributeName));

        private static System.Collections.Generic.IEnumerable<INamedTypeSymbol> TypeChain(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                yield return t;
            }
        }
    }
}
