using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3013: a sign-in, sign-up, password-reset, two-factor, gift-card, coupon or payment endpoint
    /// (<see cref="AbuseProneEndpoint"/>) that takes attempts (a POST; for gift-card and coupon codes a GET look-up
    /// too) and that nothing slows down: no rate limiting (<see cref="EndpointRateLimiting"/>), no CAPTCHA, and for
    /// sign-in and two-factor codes no lockout after failed attempts (<see cref="AttemptLimiting"/>).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3013AbuseProneEndpointWithoutRateLimitingAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> s_mapMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal, "MapGet", "MapPost", "MapPut", "MapPatch", "MapMethods", "Map");

        private const string Disabled = "that [DisableRateLimiting] exempts from every limiter";

        /// <summary>Why nothing limits an endpoint of <paramref name="kind"/>: what was looked for and not found.</summary>
        private static string Unlimited(AbuseKind kind) =>
            kind is AbuseKind.SignIn or AbuseKind.TwoFactor ? "without a rate limit, CAPTCHA or lockout on failure" : "without a rate limit or CAPTCHA";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3013AbuseProneEndpointWithoutRateLimiting);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var configuration = AppSecurityConfiguration.For(start.Compilation);
                if (configuration is null || TestCode.IsTestProject(start.Compilation, start.Options))
                {
                    return;
                }

                var rateLimiting = new EndpointRateLimiting(configuration);
                var controllerBase = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
                var pageModel = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                var routeBuilderExtensions = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
                if (controllerBase is not null || pageModel is not null)
                {
                    start.RegisterSymbolAction(c => AnalyzeHandler(c, rateLimiting, controllerBase, pageModel), SymbolKind.Method);
                }

                if (routeBuilderExtensions is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeMinimalApi(c, rateLimiting, routeBuilderExtensions), OperationKind.Invocation);
                }
            });
        }

        private static void AnalyzeHandler(SymbolAnalysisContext context, EndpointRateLimiting rateLimiting, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel)
        {
            var method = (IMethodSymbol)context.Symbol;
            var endpoint = AbuseProneEndpoint.OfHandler(method, controllerBase, pageModel);
            if (endpoint is null || method.Locations.IsDefaultOrEmpty)
            {
                return;
            }

            var body = BodyOf(method, context.CancellationToken);
            if (endpoint.Value.Kind == AbuseKind.SignIn && body is not null && HandWrittenSignIn.VerificationIn(body) is not null)
            {
                return; // a sign-in that checks the password itself: SS3014 judges its limits, one finding for one gap
            }

            var state = rateLimiting.StateOf(method, endpoint.Value.IsPage);
            if (state == RateLimitState.Limited || AttemptLimiting.HasCaptcha(method, method.ContainingType, body))
            {
                return;
            }

            if (state != RateLimitState.Disabled &&
                EndpointRateLimiting.LimitedInBody(endpoint.Value.Kind, body, context.Compilation, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3013AbuseProneEndpointWithoutRateLimiting,
                method.Locations[0],
                endpoint.Value.Display,
                AbuseProneEndpoint.Describe(endpoint.Value.Kind),
                state == RateLimitState.Disabled ? Disabled : Unlimited(endpoint.Value.Kind)));
        }

        private static void AnalyzeMinimalApi(OperationAnalysisContext context, EndpointRateLimiting rateLimiting, INamedTypeSymbol routeBuilderExtensions)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!s_mapMethods.Contains(method.Name) ||
                !SymbolEqualityComparer.Default.Equals(method.ContainingType, routeBuilderExtensions) ||
                invocation.Syntax is not InvocationExpressionSyntax syntax ||
                syntax.Expression is not MemberAccessExpressionSyntax access)
            {
                return;
            }

            var model = context.Operation.SemanticModel!;
            string? template = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "pattern")?.Value.ConstantValue.Value as string;
            var group = rateLimiting.Groups.GroupOf(access.Expression, model, context.CancellationToken);
            var kind = AbuseProneEndpoint.KindOf(template, group.Prefix);
            if (kind == AbuseKind.None || (method.Name == "MapGet" && !AbuseProneEndpoint.CountsForGet(kind)) ||
                AbuseProneEndpoint.IsStaffOnly(kind, template, group.Prefix))
            {
                return;
            }

            var handler = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "handler")?.Value.WithoutConversions();
            var (handlerSymbol, body) = handler switch
            {
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => ((IMethodSymbol?)lambda.Symbol, lambda.Syntax),
                IAnonymousFunctionOperation lambda => (lambda.Symbol, lambda.Syntax),
                IDelegateCreationOperation { Target: IMethodReferenceOperation reference } => (reference.Method, BodyOf(reference.Method, context.CancellationToken)),
                IMethodReferenceOperation reference => (reference.Method, BodyOf(reference.Method, context.CancellationToken)),
                _ => ((IMethodSymbol?)null, (SyntaxNode?)null),
            };

            if (kind == AbuseKind.Payment && (handlerSymbol is null || !AbuseProneEndpoint.TakesCardMaterial(handlerSymbol)))
            {
                return;
            }

            var chain = EndpointGroups.ChainAfter(syntax);
            var attributes = handlerSymbol is null ? RateLimitAttribute.None : AttemptLimiting.AttributeState(handlerSymbol, null);
            bool disabled = chain.Contains("DisableRateLimiting") || attributes == RateLimitAttribute.Disabled;
            bool limited = !disabled &&
                (chain.Contains("RequireRateLimiting") || attributes == RateLimitAttribute.Enabled || group.Covered ||
                 rateLimiting.Configuration.HasGlobalRateLimiter ||
                 rateLimiting.Groups.CoveredByCaller(syntax, group.Roots, model, context.CancellationToken));
            if (limited || AttemptLimiting.HasCaptcha(handlerSymbol, null, body) ||
                (!disabled && EndpointRateLimiting.LimitedInBody(kind, body, context.Compilation, context.CancellationToken)))
            {
                return;
            }

            string display = (template ?? method.Name) + (group.Prefix is null ? string.Empty : " in group " + group.Prefix);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3013AbuseProneEndpointWithoutRateLimiting, syntax.GetLocation(), display, AbuseProneEndpoint.Describe(kind),
                disabled ? "that DisableRateLimiting() exempts from every limiter" : Unlimited(kind)));
        }

        private static SyntaxNode? BodyOf(IMethodSymbol method, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax(cancellationToken) is BaseMethodDeclarationSyntax declaration &&
                    ((SyntaxNode?)declaration.Body ?? declaration.ExpressionBody) is { } body)
                {
                    return body;
                }
            }

            return null;
        }
    }
}
