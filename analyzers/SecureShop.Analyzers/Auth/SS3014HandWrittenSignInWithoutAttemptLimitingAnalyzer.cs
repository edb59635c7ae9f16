using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3014: a sign-in the shop wrote itself (<see cref="HandWrittenSignIn"/>: a sign-in method or endpoint that checks a
    /// password hash) that never limits failed attempts (<see cref="AttemptLimiting.LimitsFailedAttempts"/>: no
    /// <c>AccessFailedAsync</c>, no failure counter, no locked-until check, no delay) and, as an endpoint, is not
    /// rate-limited (<see cref="EndpointRateLimiting"/>) or protected by a CAPTCHA. A sign-in in a service is judged by
    /// its own code, unless the application has a global limiter.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3014HandWrittenSignInWithoutAttemptLimitingAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3014HandWrittenSignInWithoutAttemptLimiting);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                if (TestCode.IsTestProject(start.Compilation, start.Options))
                {
                    return;
                }

                var configuration = AppSecurityConfiguration.For(start.Compilation);
                var rateLimiting = configuration is null ? null : new EndpointRateLimiting(configuration);
                var controllerBase = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
                var pageModel = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                start.RegisterSyntaxNodeAction(c => AnalyzeMethod(c, rateLimiting, controllerBase, pageModel), SyntaxKind.MethodDeclaration);
            });
        }

        private static void AnalyzeMethod(SyntaxNodeAnalysisContext context, EndpointRateLimiting? rateLimiting, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel)
        {
            var declaration = (MethodDeclarationSyntax)context.Node;
            SyntaxNode? body = (SyntaxNode?)declaration.Body ?? declaration.ExpressionBody;
            if (body is null)
            {
                return;
            }

            // Most methods check no password: the syntax says so before any symbol is asked for.
            var verification = HandWrittenSignIn.VerificationIn(body);
            if (verification is null)
            {
                return;
            }

            var method = context.SemanticModel.GetDeclaredSymbol(declaration, context.CancellationToken);
            if (method is null)
            {
                return;
            }

            var endpoint = AbuseProneEndpoint.OfHandler(method, controllerBase, pageModel);
            bool signInEndpoint = endpoint is { Kind: AbuseKind.SignIn };
            if (!signInEndpoint && (endpoint is not null || !HandWrittenSignIn.IsSignInName(method.Name)))
            {
                return;
            }

            if (AttemptLimiting.LimitsFailedAttempts(body, context.SemanticModel, context.CancellationToken))
            {
                return;
            }

            if (signInEndpoint)
            {
                if ((rateLimiting is not null && rateLimiting.StateOf(method, endpoint!.Value.IsPage) == RateLimitState.Limited) ||
                    AttemptLimiting.HasCaptcha(method, method.ContainingType, body))
                {
                    return;
                }
            }
            else if ((rateLimiting is not null && rateLimiting.Configuration.HasGlobalRateLimiter) ||
                     !CallersLeaveFailuresUnlimited(method, context.SemanticModel.Compilation, rateLimiting, controllerBase, pageModel, context.CancellationToken))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3014HandWrittenSignInWithoutAttemptLimiting,
                verification.Value.Node.GetLocation(),
                method.ContainingType.Name + "." + method.Name,
                verification.Value.How));
        }
        /// <summary>
        /// A sign-in service is judged with its callers, which often count the failures it reports
        /// (<c>LoginResults.WrongPassword</c> -> <c>new CustomerLoginFailedEvent(...)</c>): reported only when it is called
        /// in this compilation and no caller limits failures (in its body, by rate limiting or a CAPTCHA). A service called
        /// from nowhere the rule can see (a library used by other projects) is out of sight.
        /// </summary>
        private static bool CallersLeaveFailuresUnlimited(IMethodSymbol method, Compilation compilation, EndpointRateLimiting? rateLimiting,
            INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel, System.Threading.CancellationToken cancellationToken)
        {
            bool called = false;
            foreach (var (invocation, model, _) in SymbolFacts.CallsNamed(compilation, method.Name, target =>
                SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition) ||
                SymbolEqualityComparer.Default.Equals(method.OriginalDefinition, FindImplementation(target, method.ContainingType)), cancellationToken))
            {
                called = true;
                var caller = invocation.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>();
                SyntaxNode? callerBody = (SyntaxNode?)caller?.Body ?? caller?.ExpressionBody;
                if (callerBody is null || AttemptLimiting.LimitsFailedAttempts(callerBody, model, cancellationToken))
                {
                    return false;
                }

                if (model.GetDeclaredSymbol(caller!, cancellationToken) is IMethodSymbol callerMethod &&
                    (AttemptLimiting.HasCaptcha(callerMethod, callerMethod.ContainingType, callerBody) ||
                     (rateLimiting is not null && AbuseProneEndpoint.OfHandler(callerMethod, controllerBase, pageModel) is { } endpoint &&
                      rateLimiting.StateOf(callerMethod, endpoint.IsPage) == RateLimitState.Limited)))
                {
                    return false;
                }
            }

            return called;
        }

        /// <summary>The implementation in <paramref name="type"/> of an interface method called through the interface.</summary>
        private static ISymbol? FindImplementation(IMethodSymbol target, INamedTypeSymbol type) =>
            target.ContainingType?.TypeKind == TypeKind.Interface ? type.FindImplementationForInterfaceMember(target)?.OriginalDefinition : null;
    }
}