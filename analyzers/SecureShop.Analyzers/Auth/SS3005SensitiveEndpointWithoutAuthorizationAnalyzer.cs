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
                var allowAnonymous = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Authorization.IAllowAnonymous");
                if (configuration is null || authorization is null || allowAnonymous is null ||
                    TestCode.IsTestProject(start.Compilation, start.Options))
                {
                    return; // test projects host fakes and shortcuts, not the shop's endpoints
                }

                var types = new AuthTypes(
                    authorization,
                    allowAnonymous,
                    start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase"),
                    start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel"),
                    start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions"));

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

            string pagePath = PagePath(page);
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
            var group = GroupOf(access.Expression, context.Operation.SemanticModel!, context.CancellationToken);
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

            var chain = ChainAfter(syntax);
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

            if (chain.Contains("RequireAuthorization") || group.RequiresAuthorization || configuration.HasFallbackPolicy ||
                (handlerSymbol is not null && types.Authorization.AttributeOn(handlerSymbol) is not null) ||
                (handlerSymbol is IMethodSymbol handlerMethod && EndpointAuthorization.ChecksInCode(handlerMethod, context.CancellationToken)) ||
                SensitiveEndpoint.IsAnonymousStep(group.Prefix, template) ||
                AuthorizedByCaller(syntax, group.Roots, context.Operation.SemanticModel!, types, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3005SensitiveEndpointWithoutAuthorization, syntax.GetLocation(), display, word, "no RequireAuthorization(), authorized group or fallback policy applies"));
        }

        /// <summary>The names of the calls chained after an endpoint: <c>app.MapGet(...).WithName("x").RequireAuthorization()</c>.</summary>
        private static ImmutableHashSet<string> ChainAfter(ExpressionSyntax expression)
        {
            var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            SyntaxNode current = expression;
            while (current.Parent is MemberAccessExpressionSyntax member && member.Expression == current && member.Parent is InvocationExpressionSyntax next)
            {
                names.Add(member.Name.Identifier.ValueText);
                current = next;
            }

            return names.ToImmutable();
        }

        /// <summary>
        /// The route group an endpoint is mapped on: a <c>MapGroup("/orders")</c> chain, or a local holding one,
        /// and whether it requires authorization (in its chain, or by a later <c>group.RequireAuthorization()</c>).
        /// </summary>
        private static (string? Prefix, bool RequiresAuthorization, ImmutableArray<ISymbol> Roots) GroupOf(ExpressionSyntax receiver, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            bool requires = false;
            string? prefix = null;
            var roots = ImmutableArray.CreateBuilder<ISymbol>();
            ExpressionSyntax? current = receiver;
            for (int depth = 0; current is not null && depth < 8; depth++)
            {
                switch (current)
                {
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call:
                        string name = member.Name.Identifier.ValueText;
                        if (name == "RequireAuthorization")
                        {
                            requires = true;
                        }
                        else if (name == "MapGroup" && call.ArgumentList.Arguments.Count > 0 &&
                                 model.GetConstantValue(call.ArgumentList.Arguments[0].Expression, cancellationToken).Value is string groupPrefix)
                        {
                            prefix = prefix is null ? groupPrefix : groupPrefix.TrimEnd('/') + "/" + prefix.TrimStart('/');
                        }

                        current = member.Expression;
                        break;
                    case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local:
                        var declarator = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as VariableDeclaratorSyntax;
                        if (declarator is not null && LocalLaterRequiresAuthorization(declarator, local.Name))
                        {
                            requires = true;
                        }

                        roots.Add(local);
                        current = declarator?.Initializer?.Value;
                        break;
                    case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol parameter:
                        roots.Add(parameter);
                        current = null;
                        break;
                    default:
                        current = null;
                        break;
                }
            }

            return (prefix, requires, roots.ToImmutable());
        }

        /// <summary>
        /// Endpoints mapped in a method of the shop's own, on a group or builder the method returns to its caller
        /// (<c>app.MapOrdersApi().RequireAuthorization()</c>) or receives from it (<c>api.MapOrders()</c> where
        /// <c>api</c> requires authorization): authorized when every call of that method in the compilation
        /// authorizes, and out of sight (so not reported) when the method is called from nowhere the rule can see.
        /// </summary>
        private static bool AuthorizedByCaller(InvocationExpressionSyntax map, ImmutableArray<ISymbol> roots, SemanticModel model, AuthTypes types, System.Threading.CancellationToken cancellationToken)
        {
            var declaration = map.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>();
            if (declaration is null || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol mapper || mapper.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            bool returned = !mapper.ReturnsVoid && ReturnsRoot(declaration, roots, map, model, cancellationToken);
            // Only a group or route builder can carry its caller's authorization; a WebApplication (or its builder) is the app itself.
            var parameter = roots.OfType<IParameterSymbol>().FirstOrDefault(p =>
                SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, mapper) && p.Type.Name is "RouteGroupBuilder" or "IEndpointRouteBuilder");
            bool received = parameter is not null;
            if (!returned && !received)
            {
                return false;
            }

            // Every endpoint a mapping method maps asks about the same calls: the compilation is searched once per method.
            var calls = types.CallsOfMapper.GetOrAdd(mapper.OriginalDefinition, m => CallsOf(m, model.Compilation, cancellationToken));
            if (calls.Count == 0)
            {
                return true; // called from another project (or a framework convention): the authorization is out of sight
            }

            foreach (var (call, callModel) in calls)
            {
                bool authorized = returned && ChainAfter(call).Contains("RequireAuthorization");
                if (!authorized && received)
                {
                    var argument = ReceiverArgument(call, parameter!, callModel, cancellationToken);
                    authorized = argument is not null && GroupOf(argument, callModel, cancellationToken).RequiresAuthorization;
                }

                if (!authorized)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>return group;</c> (the local or parameter the endpoint was mapped on), or the endpoint's own chain returned.</summary>
        private static bool ReturnsRoot(BaseMethodDeclarationSyntax declaration, ImmutableArray<ISymbol> roots, InvocationExpressionSyntax map, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            var returns = declaration.DescendantNodes().OfType<ReturnStatementSyntax>().Select(r => r.Expression)
                .Concat(declaration.ExpressionBody is null ? Enumerable.Empty<ExpressionSyntax>() : new[] { declaration.ExpressionBody.Expression })
                .OfType<ExpressionSyntax>();
            foreach (var returned in returns)
            {
                if (returned.DescendantNodesAndSelf().Contains(map))
                {
                    return true;
                }

                if (returned is IdentifierNameSyntax identifier &&
                    roots.Contains(model.GetSymbolInfo(identifier, cancellationToken).Symbol!, SymbolEqualityComparer.Default))
                {
                    return true;
                }
            }

            return false;
        }

        private static System.Collections.Generic.List<(InvocationExpressionSyntax Call, SemanticModel Model)> CallsOf(IMethodSymbol mapper, Compilation compilation, System.Threading.CancellationToken cancellationToken)
        {
            var calls = new System.Collections.Generic.List<(InvocationExpressionSyntax, SemanticModel)>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    string? name = invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        _ => null,
                    };
                    if (name != mapper.Name)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Only calls named like the mapping method are bound, and only for endpoints on a group the method returns or receives.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    var target = model.GetSymbolInfo(invocation, cancellationToken).Symbol as IMethodSymbol;
                    if (SymbolEqualityComparer.Default.Equals(target?.ReducedFrom ?? target?.OriginalDefinition, mapper.OriginalDefinition))
                    {
                        calls.Add((invocation, model));
                    }
                }
            }

            return calls;
        }

        /// <summary>The expression a call passes for <paramref name="parameter"/>: the receiver of an extension call, or the argument.</summary>
        private static ExpressionSyntax? ReceiverArgument(InvocationExpressionSyntax call, IParameterSymbol parameter, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            var method = parameter.ContainingSymbol as IMethodSymbol;
            if (method is not null && method.IsExtensionMethod && parameter.Ordinal == 0 && call.Expression is MemberAccessExpressionSyntax member &&
                model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { ReducedFrom: not null })
            {
                return member.Expression;
            }

            int ordinal = method is not null && method.IsExtensionMethod && call.Expression is MemberAccessExpressionSyntax ? parameter.Ordinal - 1 : parameter.Ordinal;
            var named = call.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter.Name);
            if (named is not null)
            {
                return named.Expression;
            }

            return ordinal >= 0 && ordinal < call.ArgumentList.Arguments.Count ? call.ArgumentList.Arguments[ordinal].Expression : null;
        }

        /// <summary><c>group.RequireAuthorization();</c> as a statement of its own in the block that declares <c>group</c>.</summary>
        private static bool LocalLaterRequiresAuthorization(VariableDeclaratorSyntax declarator, string localName)
        {
            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is CompilationUnitSyntax);
            return scope is not null && scope.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
                i.Expression is MemberAccessExpressionSyntax { Name.Identifier.ValueText: "RequireAuthorization", Expression: IdentifierNameSyntax target } &&
                target.Identifier.ValueText == localName);
        }

        private static void Report(SymbolAnalysisContext context, ISymbol symbol, string display, string word, string reason) =>
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3005SensitiveEndpointWithoutAuthorization, symbol.Locations[0], display, word, reason));

        /// <summary>The Razor page path of a PageModel: "/Account/Manage" from Pages/Account/Manage.cshtml.cs, else from its namespace and name.</summary>
        private static string PagePath(INamedTypeSymbol page)
        {
            string file = page.Locations[0].SourceTree?.FilePath?.Replace('\\', '/') ?? string.Empty;
            int pages = file.LastIndexOf("/Pages/", StringComparison.OrdinalIgnoreCase);
            if (pages >= 0 && file.EndsWith(".cshtml.cs", StringComparison.OrdinalIgnoreCase))
            {
                return file.Substring(pages + "/Pages".Length, file.Length - pages - "/Pages".Length - ".cshtml.cs".Length);
            }

            string name = page.Name.EndsWith("Model", StringComparison.Ordinal) ? page.Name.Substring(0, page.Name.Length - "Model".Length) : page.Name;
            string ns = page.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            int nsPages = ns.IndexOf(".Pages", StringComparison.Ordinal);
            string folder = nsPages >= 0 ? ns.Substring(nsPages + ".Pages".Length).Replace('.', '/') : string.Empty;
            return folder + "/" + name;
        }

        private static AttributeData? FindAttribute(ISymbol symbol, INamedTypeSymbol marker) =>
            symbol.GetAttributes().FirstOrDefault(a => a.AttributeClass is not null &&
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

            /// <summary>The calls of a mapping method of the shop's own, found once per compilation (<see cref="AuthorizedByCaller"/>).</summary>
            public System.Collections.Concurrent.ConcurrentDictionary<IMethodSymbol, System.Collections.Generic.List<(InvocationExpressionSyntax Call, SemanticModel Model)>> CallsOfMapper { get; } =
                new(SymbolEqualityComparer.Default);

            public INamedTypeSymbol AllowAnonymous { get; }

            public INamedTypeSymbol? ControllerBase { get; }

            public INamedTypeSymbol? PageModel { get; }

            public INamedTypeSymbol? EndpointRouteBuilderExtensions { get; }
        }
    }
}
