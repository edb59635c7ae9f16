using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// How an ASP.NET Core application configures authorization, authentication, anti-forgery and HTTPS globally,
    /// wherever that lives in the compilation (Program.cs, Startup.cs, extension methods). Computed once per
    /// compilation, lazily and thread-safely: a syntax walk that looks for a handful of names and binds only
    /// the nodes that carry one of them. Rules ask it before they judge a single endpoint, so a well-configured
    /// shop is not flagged endpoint by endpoint.
    /// </summary>
    internal sealed class AppSecurityConfiguration
    {
        private static readonly ImmutableHashSet<string> s_interestingNames = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "AuthorizeFilter",
            "FallbackPolicy",
            "SetFallbackPolicy",
            "RequireAuthorization",
            "AuthorizeFolder",
            "AuthorizePage",
            "AuthorizeAreaFolder",
            "AuthorizeAreaPage",
            "AutoValidateAntiforgeryTokenAttribute",
            "ValidateAntiForgeryTokenAttribute",
            "IgnoreAntiforgeryTokenAttribute",
            "AddCookie",
            "AddIdentity",
            "AddDefaultIdentity",
            "AddIdentityCookies",
            "AddJwtBearer",
            "CookiePolicyOptions",
            "UseHttpsRedirection",
            "AddRedirectToHttps",
            "AddRedirectToHttpsPermanent",
            "RequireHttpsAttribute",
            "UseHsts",
            "GlobalLimiter",
            "RequireRateLimiting",
            "UseIpRateLimiting",
            "UseClientRateLimiting");

        private static readonly ImmutableHashSet<string> s_controllerRouteMaps = ImmutableHashSet.Create(
            StringComparer.Ordinal, "MapControllers", "MapControllerRoute", "MapDefaultControllerRoute", "MapAreaControllerRoute");

        private readonly Compilation _compilation;
        private readonly Lazy<Facts> _facts;

        private AppSecurityConfiguration(Compilation compilation)
        {
            _compilation = compilation;
            _facts = new Lazy<Facts>(Compute, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary>One instance per compilation, shared by every rule that asks (SS2010, SS3005, SS3008, SS3010): one walk, not one per rule.</summary>
        private static readonly ConditionalWeakTable<Compilation, AppSecurityConfiguration> s_byCompilation = new ConditionalWeakTable<Compilation, AppSecurityConfiguration>();

        /// <summary>The configuration of a compilation, or null when it is not an ASP.NET Core application.</summary>
        public static AppSecurityConfiguration? For(Compilation compilation) =>
            KnownTypes.Get(compilation, "Microsoft.AspNetCore.Authorization.IAuthorizeData") is null
                ? null
                : s_byCompilation.GetValue(compilation, c => new AppSecurityConfiguration(c));

        /// <summary>A global <c>AuthorizeFilter</c>, or <c>MapControllers()...RequireAuthorization()</c>: every controller action needs an authenticated user.</summary>
        public bool ControllersRequireAuthorization => _facts.Value.GlobalAuthorizeFilter || _facts.Value.ControllerMapsRequireAuthorization;

        /// <summary><c>AuthorizationOptions.FallbackPolicy</c> (or <c>SetFallbackPolicy</c>): every endpoint without authorization metadata needs it.</summary>
        public bool HasFallbackPolicy => _facts.Value.FallbackPolicy;

        /// <summary><c>MapRazorPages().RequireAuthorization()</c>.</summary>
        public bool PagesRequireAuthorization => _facts.Value.PageMapsRequireAuthorization;

        /// <summary>Folders and pages given to <c>AuthorizeFolder</c>/<c>AuthorizePage</c> ("/Account", "/Checkout/Pay").</summary>
        public ImmutableArray<string> AuthorizedPagePaths => _facts.Value.AuthorizedPagePaths;

        /// <summary>An anti-forgery validation filter (<c>AutoValidateAntiforgeryToken</c>/<c>ValidateAntiForgeryToken</c>) added to the global MVC filters.</summary>
        public bool GlobalAntiforgeryFilter => _facts.Value.GlobalAntiforgeryFilter;

        /// <summary><c>IgnoreAntiforgeryToken</c> added as a global filter or Razor Pages convention.</summary>
        public bool GlobalIgnoreAntiforgery => _facts.Value.GlobalIgnoreAntiforgery;

        /// <summary>Cookie authentication (<c>AddCookie</c>, <c>AddIdentity</c>, <c>AddDefaultIdentity</c>, <c>AddIdentityCookies</c>).</summary>
        public bool UsesCookieAuthentication => _facts.Value.CookieAuthentication;

        /// <summary>The call that turned cookie authentication on ("AddIdentity"), for messages that say why a rule thinks the app uses cookies.</summary>
        public string? CookieAuthenticationCall => _facts.Value.CookieAuthenticationCall;

        /// <summary><c>new CookiePolicyOptions { Secure = CookieSecurePolicy.Always }</c>: every cookie the app writes is Secure.</summary>
        public bool CookiePolicyForcesSecure => _facts.Value.CookiePolicySecure;

        /// <summary><c>new CookiePolicyOptions { HttpOnly = HttpOnlyPolicy.Always }</c>: every cookie the app writes is HttpOnly.</summary>
        public bool CookiePolicyForcesHttpOnly => _facts.Value.CookiePolicyHttpOnly;

        /// <summary>
        /// Where the application redirects HTTP to HTTPS: <c>UseHttpsRedirection()</c>, a rewrite rule
        /// (<c>AddRedirectToHttps*</c>) or a global <c>RequireHttpsAttribute</c> filter.
        /// </summary>
        public ConfiguredWhere HttpsRedirection => _facts.Value.HttpsRedirection;

        /// <summary>Where the application sends HSTS: <c>UseHsts()</c>.</summary>
        public ConfiguredWhere Hsts => _facts.Value.Hsts;

        /// <summary>
        /// A limiter for every request: <c>RateLimiterOptions.GlobalLimiter = ...</c>, or the AspNetCoreRateLimit middleware
        /// (<c>UseIpRateLimiting</c>/<c>UseClientRateLimiting</c>), whose rules are configuration the code does not show.
        /// </summary>
        public bool HasGlobalRateLimiter => _facts.Value.GlobalRateLimiter;

        /// <summary><c>MapControllers().RequireRateLimiting(...)</c> (or a controller route map): every controller action is limited.</summary>
        public bool ControllersRequireRateLimiting => _facts.Value.ControllerMapsRequireRateLimiting;

        /// <summary><c>MapRazorPages().RequireRateLimiting(...)</c>: every page handler is limited.</summary>
        public bool PagesRequireRateLimiting => _facts.Value.PageMapsRequireRateLimiting;

        /// <summary>True when <paramref name="pagePath"/> ("/Account/Manage") is covered by an <c>AuthorizeFolder</c>/<c>AuthorizePage</c> convention.</summary>
        public bool IsPageAuthorized(string pagePath)
        {
            foreach (var path in AuthorizedPagePaths)
            {
                string normalized = path.TrimEnd('/');
                if (normalized.Length == 0 ||
                    string.Equals(pagePath, normalized, StringComparison.OrdinalIgnoreCase) ||
                    pagePath.StartsWith(normalized + "/", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private Facts Compute()
        {
            var facts = new Facts();
            var pagePaths = ImmutableArray.CreateBuilder<string>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    string? name = NameOf(node);
                    if (name is null || !s_interestingNames.Contains(name))
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Only nodes that carry one of a dozen configuration names are bound, once per compilation.
                    model ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    Record(node, name, model, facts, pagePaths);
                }
            }

            facts.AuthorizedPagePaths = pagePaths.ToImmutable();
            return facts;
        }

        private static string? NameOf(SyntaxNode node) => node switch
        {
            InvocationExpressionSyntax invocation => MethodName(invocation.Expression),
            ObjectCreationExpressionSyntax creation => TypeName(creation.Type),
            TypeOfExpressionSyntax typeOf => TypeName(typeOf.Type),
            GenericNameSyntax generic when generic.TypeArgumentList.Arguments.Count == 1 => TypeName(generic.TypeArgumentList.Arguments[0]),
            AssignmentExpressionSyntax assignment => MethodName(assignment.Left),
            _ => null,
        };

        private static string? MethodName(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        private static string? TypeName(TypeSyntax type) => type switch
        {
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            _ => null,
        };

        private static void Record(SyntaxNode node, string name, SemanticModel model, Facts facts, ImmutableArray<string>.Builder pagePaths)
        {
            switch (name)
            {
                case "AuthorizeFilter":
                    if (IsType(node, model, "Microsoft.AspNetCore.Mvc.Authorization.AuthorizeFilter"))
                    {
                        facts.GlobalAuthorizeFilter = true;
                    }

                    break;
                case "AutoValidateAntiforgeryTokenAttribute":
                case "ValidateAntiForgeryTokenAttribute":
                    if (IsType(node, model, "Microsoft.AspNetCore.Mvc." + name))
                    {
                        facts.GlobalAntiforgeryFilter = true;
                    }

                    break;
                case "IgnoreAntiforgeryTokenAttribute":
                    if (IsType(node, model, "Microsoft.AspNetCore.Mvc." + name))
                    {
                        facts.GlobalIgnoreAntiforgery = true;
                    }

                    break;
                case "FallbackPolicy":
                    if (node is AssignmentExpressionSyntax assignment &&
                        !assignment.Right.IsKind(SyntaxKind.NullLiteralExpression) &&
                        model.GetSymbolInfo(assignment.Left).Symbol is IPropertySymbol { ContainingType.Name: "AuthorizationOptions" })
                    {
                        facts.FallbackPolicy = true;
                    }

                    break;
                case "SetFallbackPolicy":
                    if (node is InvocationExpressionSyntax { ArgumentList.Arguments.Count: 1 } setFallback &&
                        !setFallback.ArgumentList.Arguments[0].Expression.IsKind(SyntaxKind.NullLiteralExpression) &&
                        IsMethodOf(setFallback, model, "AuthorizationBuilder"))
                    {
                        facts.FallbackPolicy = true;
                    }

                    break;
                case "RequireAuthorization":
                    if (node is InvocationExpressionSyntax requireAuthorization)
                    {
                        foreach (var mapped in ChainBefore(requireAuthorization))
                        {
                            if (s_controllerRouteMaps.Contains(mapped))
                            {
                                facts.ControllerMapsRequireAuthorization = true;
                            }
                            else if (mapped == "MapRazorPages")
                            {
                                facts.PageMapsRequireAuthorization = true;
                            }
                        }
                    }

                    break;
                case "GlobalLimiter":
                    if (node is AssignmentExpressionSyntax limiter &&
                        !limiter.Right.IsKind(SyntaxKind.NullLiteralExpression) &&
                        model.GetSymbolInfo(limiter.Left).Symbol is IPropertySymbol { ContainingType.Name: "RateLimiterOptions" })
                    {
                        facts.GlobalRateLimiter = true;
                    }

                    break;
                case "UseIpRateLimiting":
                case "UseClientRateLimiting":
                    if (node is InvocationExpressionSyntax)
                    {
                        facts.GlobalRateLimiter = true;
                    }

                    break;
                case "RequireRateLimiting":
                    if (node is InvocationExpressionSyntax requireRateLimiting)
                    {
                        foreach (var mapped in ChainBefore(requireRateLimiting))
                        {
                            if (s_controllerRouteMaps.Contains(mapped))
                            {
                                facts.ControllerMapsRequireRateLimiting = true;
                            }
                            else if (mapped == "MapRazorPages")
                            {
                                facts.PageMapsRequireRateLimiting = true;
                            }
                        }
                    }

                    break;
                case "AuthorizeFolder":
                case "AuthorizePage":
                case "AuthorizeAreaFolder":
                case "AuthorizeAreaPage":
                    if (node is InvocationExpressionSyntax convention && IsMethodOf(convention, model, "PageConventionCollectionExtensions"))
                    {
                        int pathIndex = name.StartsWith("AuthorizeArea", StringComparison.Ordinal) ? 1 : 0;
                        var arguments = convention.ArgumentList.Arguments;
                        if (arguments.Count > pathIndex && model.GetConstantValue(arguments[pathIndex].Expression).Value is string path)
                        {
                            pagePaths.Add(path);
                        }
                    }

                    break;
                case "CookiePolicyOptions":
                    // new CookiePolicyOptions { Secure = ... } or Configure<CookiePolicyOptions>(o => o.Secure = ...)
                    SyntaxNode? scope = node is ObjectCreationExpressionSyntax creation ? creation.Initializer
                        : node is GenericNameSyntax ? node.FirstAncestorOrSelf<InvocationExpressionSyntax>()
                        : null;
                    if (scope is null || !IsCookiePolicyOptions(node, model))
                    {
                        break;
                    }

                    foreach (var policyAssignment in scope.DescendantNodes().OfType<AssignmentExpressionSyntax>())
                    {
                        string? property = MethodName(policyAssignment.Left);
                        bool always = policyAssignment.Right is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "Always" };
                        if (always && property == "Secure")
                        {
                            facts.CookiePolicySecure = true;
                        }
                        else if (always && property == "HttpOnly")
                        {
                            facts.CookiePolicyHttpOnly = true;
                        }
                    }

                    break;
                case "UseHttpsRedirection":
                case "AddRedirectToHttps":
                case "AddRedirectToHttpsPermanent":
                case "UseHsts":
                    if (node is InvocationExpressionSyntax https && IsAspNetCoreMethod(https, model))
                    {
                        if (name == "UseHsts")
                        {
                            facts.Hsts = Widen(facts.Hsts, node);
                        }
                        else
                        {
                            facts.HttpsRedirection = Widen(facts.HttpsRedirection, node);
                        }
                    }

                    break;
                case "RequireHttpsAttribute":
                    if (IsType(node, model, "Microsoft.AspNetCore.Mvc.RequireHttpsAttribute"))
                    {
                        facts.HttpsRedirection = Widen(facts.HttpsRedirection, node);
                    }

                    break;
                case "AddCookie":
                case "AddIdentity":
                case "AddDefaultIdentity":
                case "AddIdentityCookies":
                    if (node is InvocationExpressionSyntax cookie && model.GetSymbolInfo(cookie).Symbol is IMethodSymbol cookieMethod &&
                        cookieMethod.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft", StringComparison.Ordinal) == true)
                    {
                        facts.CookieAuthentication = true;
                        facts.CookieAuthenticationCall ??= name;
                    }

                    break;
            }
        }

        /// <summary>The names of the calls a fluent chain makes before this one: <c>app.MapControllers().WithMetadata(m).RequireAuthorization()</c> gives WithMetadata, MapControllers.</summary>
        private static IEnumerable<string> ChainBefore(InvocationExpressionSyntax invocation)
        {
            ExpressionSyntax current = invocation;
            while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member })
            {
                if (current != invocation)
                {
                    yield return member.Name.Identifier.ValueText;
                }

                current = member.Expression;
            }
        }

        private static bool IsType(SyntaxNode node, SemanticModel model, string metadataName)
        {
            TypeSyntax? type = node switch
            {
                ObjectCreationExpressionSyntax creation => creation.Type,
                TypeOfExpressionSyntax typeOf => typeOf.Type,
                GenericNameSyntax generic => generic.TypeArgumentList.Arguments[0],
                _ => null,
            };
            if (type is null)
            {
                return false;
            }

            // An attribute usage on a class is a local decision, not global configuration; only values count.
            if (node.FirstAncestorOrSelf<AttributeSyntax>() is not null)
            {
                return false;
            }

            var symbol = model.GetTypeInfo(type).Type ?? model.GetSymbolInfo(type).Symbol as ITypeSymbol;
            return symbol is not null && symbol.ToDisplayString() == metadataName;
        }

        private static bool IsCookiePolicyOptions(SyntaxNode node, SemanticModel model)
        {
            var type = node switch
            {
                ObjectCreationExpressionSyntax creation => model.GetTypeInfo(creation).Type,
                GenericNameSyntax generic => model.GetTypeInfo(generic.TypeArgumentList.Arguments[0]).Type,
                _ => null,
            };
            return type?.ToDisplayString() == "Microsoft.AspNetCore.Builder.CookiePolicyOptions";
        }

        private static bool IsMethodOf(InvocationExpressionSyntax invocation, SemanticModel model, string containingTypeName) =>
            Called(invocation, model)?.ContainingType?.Name == containingTypeName;

        private static bool IsAspNetCoreMethod(InvocationExpressionSyntax invocation, SemanticModel model) =>
            Called(invocation, model)?.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) == true;

        /// <summary>The method called, or its first candidate when overload resolution failed (broken code, missing argument).</summary>
        private static ISymbol? Called(InvocationExpressionSyntax invocation, SemanticModel model)
        {
            var info = model.GetSymbolInfo(invocation);
            return info.Symbol ?? FirstCandidate(info);
        }

        /// <summary>One more place the setting is made: outside development-only code it counts everywhere.</summary>
        private static ConfiguredWhere Widen(ConfiguredWhere known, SyntaxNode node) =>
            !DevelopmentOnly.Contains(node) ? ConfiguredWhere.Everywhere
            : known == ConfiguredWhere.Nowhere ? ConfiguredWhere.DevelopmentOnly
            : known;

        private static ISymbol? FirstCandidate(SymbolInfo info) => info.CandidateSymbols.IsDefaultOrEmpty ? null : info.CandidateSymbols[0];

        private sealed class Facts
        {
            public bool GlobalAuthorizeFilter;
            public bool ControllerMapsRequireAuthorization;
            public bool PageMapsRequireAuthorization;
            public bool FallbackPolicy;
            public bool GlobalAntiforgeryFilter;
            public bool GlobalIgnoreAntiforgery;
            public bool CookieAuthentication;
            public string? CookieAuthenticationCall;
            public bool CookiePolicySecure;
            public bool CookiePolicyHttpOnly;
            public ConfiguredWhere HttpsRedirection;
            public ConfiguredWhere Hsts;
            public bool GlobalRateLimiter;
            public bool ControllerMapsRequireRateLimiting;
            public bool PageMapsRequireRateLimiting;
            public ImmutableArray<string> AuthorizedPagePaths = ImmutableArray<string>.Empty;
        }
    }

    /// <summary>Where in an application a global setting is made.</summary>
    internal enum ConfiguredWhere
    {
        /// <summary>Nowhere in the compilation.</summary>
        Nowhere,

        /// <summary>Only in code reached in the Development environment (<c>if (env.IsDevelopment())</c>).</summary>
        DevelopmentOnly,

        /// <summary>In code that also runs outside development.</summary>
        Everywhere,
    }
}
