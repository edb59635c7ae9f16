using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3005: a controller action, Razor page or minimal-API endpoint whose route or name denotes checkout,
    /// payment, orders, admin, account, customer data, addresses, wallets or cards, and that is reachable
    /// anonymously. The application's global configuration (<see cref="AppSecurityConfiguration"/>) is read
    /// first: a global AuthorizeFilter, a fallback policy, <c>MapControllers().RequireAuthorization()</c>,
    /// Razor Pages conventions and route groups all count. An explicit <c>[AllowAnonymous]</c> or
    /// <c>AllowAnonymous()</c> on a sensitive endpoint is reported, sign-in steps (login, register, reset,
    /// webhooks) excepted.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3005SensitiveEndpointWithoutAuthorizationAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> s_mapMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal, "MapGet", "MapPost", "MapPut", "MapDelete", "MapPatch", "MapMethods", "Map");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3005SensitiveEndpointWithoutAuthorization);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var configuration = AppSecurityConfiguration.For(start.Compilation);
                var authorization = EndpointAuthorization.For(start.Compilation);
                var allowAnonymous = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Authorization.IAllowAnonymous");
                if (configuration is null || authorization is null || allowAnonymous is null ||
                    TestCode.IsTestProject(start.Compilation, start.Options))
                {
                    return; // test projects host fakes and shortcuts, not the shop's endpoints
                }

                var types = new AuthTypes(
                    authorization,
                    allowAnonymous,
                    KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.ControllerBase"),
                    KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel"),
                    KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions"));

                if (types.ControllerBase is not null)
                {
                    start.RegisterSymbolAction(c => AnalyzeAction(c, configuration, types), SymbolKind.Method);
                }

                if (types.PageModel is not null)
                {
                    start.RegisterSymbolAction(c => AnalyzePage(c, configuration, types), SymbolKind.NamedType);
                }

                if (types.EndpointRouteBuilderExtensions is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeMinimalApi(c, configuration, types), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeAction(SymbolAnalysisContext context, AppSecurityConfiguration configuration, AuthTypes types)
        {
            var method = (IMethodSymbol)context.Symbol;
            if (!method.IsControllerAction(types.ControllerBase) || method.Locations.IsDefaultOrEmpty)
            {
                return;
            }

            var controller = method.ContainingType;
            string controllerName = controller.Name.EndsWith("Controller", StringComparison.Ordinal)
                ? controller.Name.Substring(0, controller.Name.Length - "Controller".Length)
                : controller.Name;
            string? controllerRoute = controller.RouteTemplate();
            string? actionRoute = method.RouteTemplate();
            string? word = SensitiveEndpoint.SensitiveWord(controllerRoute, controllerName, actionRoute, method.Name);
            if (word is null)
            {
                return;
            }

            var explicitAnonymous = FindAttribute(method, types.AllowAnonymous) ?? FindOnTypeChain(controller, types.AllowAnonymous);
            if (explicitAnonymous is not null)
            {
                // [AllowAnonymous] with the check done in the body (guest or signed-in paths) is not open to anyone.
                if (!SensitiveEndpoint.IsAnonymousStep(method.Name, actionRoute) && !EndpointAuthorization.ChecksInCode(method, context.CancellationToken))
                {
                    Report(context, method, $"{controller.Name}.{method.Name}", word, "[AllowAnonymous] opens it to anyone");
                }

                return;
            }

            if (types.Authorization.AttributeOn(method) is not null ||
                types.Authorization.AttributeOnTypeChain(controller) is not null ||
                configuration.ControllersRequireAuthorization ||
                configuration.HasFallbackPolicy ||
                SensitiveEndpoint.IsAnonymousStep(method.Name, actionRoute) ||
                SensitiveEndpoint.IsGuestCartStep(word, ParameterAndModelNames(method)) ||
                EndpointAuthorization.ChecksInCode(method, context.CancellationToken))
            {
                return;
            }

            Report(context, method, $"{controller.Name}.{method.Name}", word, "no [Authorize], global authorization filter or fallback policy applies");
        }

        /// <summary>The action's parameter names, and the property names of the models it binds (<c>model.CheckoutId</c>).</summary>
        private static System.Collections.Generic.IEnumerable<string> ParameterAndModelNames(IMethodSymbol method)
        {
            foreach (var parameter in method.Parameters)
            {
                yield return parameter.Name;
                if (parameter.Type is INamedTypeSymbol { TypeKind: TypeKind.Class, SpecialType: SpecialType.None } model && model.Locations.Any(l => l.IsInSource))
                {
                    foreach (var property in model.GetMembers().OfType<IPropertySymbol>())
                    {
                        yield return property.Name;
                    }
                }
            }
        }

        private static void AnalyzePage(SymbolAnalysisContext context, AppSecurityConfiguration configuration, AuthTypes types)
        {
            var page = (INamedTypeSymbol)context.Symbol;
            if (page.IsAbstract || page.TypeKind != TypeKind.Class || !page.InheritsFrom(types.PageModel!) ||
                SymbolEqualityComparer.Default.Equals(page, types.PageModel) || page.Locations.IsDefaultOrEmpty)
            {
                return;
            }

            string pagePath = page.PagePath();
            string? word = SensitiveEndpoint.SensitiveWord(pagePath);
            if (word is null || SensitiveEndpoint.IsAnonymousStep(pagePath))
            {
                return;
            }

            if (FindOnTypeChain(page, types.AllowAnonymous) is not null)
            {
                Report(context, page, page.Name, word, "[AllowAnonymous] opens it to anyone");
                return;
            }

            if (types.Authorization.AttributeOnTypeChain(page) is not null ||
                configuration.HasFallbackPolicy ||
                configuration.PagesRequireAuthorization ||
                configuration.IsPageAuthorized(pagePath) ||
                page.GetMembers().OfType<IMethodSymbol>().Any(handler => handler.Name.StartsWith("On", StringComparison.Ordinal) &&
                    (types.Authorization.AttributeOn(handler) is not null || EndpointAuthorization.ChecksInCode(handler, context.CancellationToken))))
            {
                return;
            }

            Report(context, page, page.Name, word, "no [Authorize], AuthorizeFolder/AuthorizePage convention or fallback policy applies");
        }

        private static void AnalyzeMinimalApi(OperationAnalysisContext context, AppSecurityConfiguration configuration, AuthTypes types)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!s_mapMethods.Contains(method.Name) ||
                !SymbolEqualityComparer.Default.Equals(method.ContainingType, types.EndpointRouteBuilderExtensions) ||
                invocation.Syntax is not InvocationExpressionSyntax syntax ||
                syntax.Expression is not MemberAccessExpressionSyntax access)
            {
                return;
            }

            string? template = invocation.Arguments
                .FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value.ConstantValue.Value as string;
            var group = types.Groups.GroupOf(access.Expression, context.Operation.SemanticModel!, context.CancellationToken);
            string? word = SensitiveEndpoint.SensitiveWord(group.Prefix, template);
            if (word is null)
            {
                return;
            }

            var handler = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "handler")?.Value.WithoutConversions();
            var handlerSymbol = handler switch
            {
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => (ISymbol)lambda.Symbol,
                IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => reference.Method,
                IAnonymousFunctionOperation lambda => lambda.Symbol,
                IMethodReferenceOperation reference => reference.Method,
                _ => null,
            };

            var chain = EndpointGroups.ChainAfter(syntax);
            bool anonymous = chain.Contains("AllowAnonymous") || (handlerSymbol is not null && FindAttribute(handlerSymbol, types.AllowAnonymous) is not null);
            string display = (template ?? method.Name) + (group.Prefix is null ? string.Empty : " in group " + group.Prefix);
            if (anonymous)
            {
                if (!SensitiveEndpoint.IsAnonymousStep(group.Prefix, template))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SS3005SensitiveEndpointWithoutAuthorization, syntax.GetLocation(), display, word, "AllowAnonymous() opens it to anyone"));
                }

                return;
            }

            if (chain.Contains("RequireAuthorization") || group.Covered || configuration.HasFallbackPolicy ||
                (handlerSymbol is not null && types.Authorization.AttributeOn(handlerSymbol) is not null) ||
                (handlerSymbol is IMethodSymbol handlerMethod && EndpointAuthorization.ChecksInCode(handlerMethod, context.CancellationToken)) ||
                SensitiveEndpoint.IsAnonymousStep(group.Prefix, template) ||
                types.Groups.CoveredByCaller(syntax, group.Roots, context.Operation.SemanticModel!, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3005SensitiveEndpointWithoutAuthorization, syntax.GetLocation(), display, word, "no RequireAuthorization(), authorized group or fallback policy applies"));
        }

        private static void Report(SymbolAnalysisContext context, ISymbol symbol, string display, string word, string reason) =>
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3005SensitiveEndpointWithoutAuthorization, symbol.Locations[0], display, word, reason));

        private static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol marker) =>
            symbol.Attributes().FirstOrDefault(a => a.AttributeClass is not null &&
                (SymbolEqualityComparer.Default.Equals(a.AttributeClass, marker) || a.AttributeClass.AllInterfaces.Contains(marker, SymbolEqualityComparer.Default)));

        private static AttributeData? FindOnTypeChain(INamedTypeSymbol type, INamedTypeSymbol marker)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                var found = FindAttribute(t, marker);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        private sealed class AuthTypes
        {
            public AuthTypes(EndpointAuthorization authorization, INamedTypeSymbol allowAnonymous, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel, INamedTypeSymbol? endpointRouteBuilderExtensions)
            {
                Authorization = authorization;
                AllowAnonymous = allowAnonymous;
                ControllerBase = controllerBase;
                PageModel = pageModel;
                EndpointRouteBuilderExtensions = endpointRouteBuilderExtensions;
            }

            public EndpointAuthorization Authorization { get; }

            /// <summary>Route groups and mapping methods that require authorization, found once per compilation.</summary>
            public EndpointGroups Groups { get; } = new("RequireAuthorization");

            public INamedTypeSymbol AllowAnonymous { get; }

            public INamedTypeSymbol? ControllerBase { get; }

            public INamedTypeSymbol? PageModel { get; }

            public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }
        }
    }
}
