using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3012: a CORS policy that calls <c>AllowCredentials()</c> and, in the same policy, admits every origin:
    /// <c>SetIsOriginAllowed(_ => true)</c>, <c>WithOrigins("*")</c> or <c>AllowAnyOrigin()</c>. The policy is
    /// the nearest lambda (<c>AddPolicy("x", p => ...)</c>) or, for a <c>new CorsPolicyBuilder()</c>, the method.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3012CorsAnyOriginWithCredentialsAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3012CorsAnyOriginWithCredentials);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var builder = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Cors.Infrastructure.CorsPolicyBuilder");
                if (builder is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, builder), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol builder)
        {
            var invocation = (IInvocationOperation)context.Operation;
            if (invocation.TargetMethod.Name != "AllowCredentials" ||
                !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType, builder))
            {
                return;
            }

            IOperation? scope = invocation;
            while (scope is not null && scope is not IAnonymousFunctionOperation && scope.Parent is not null)
            {
                scope = scope.Parent;
            }

            if (scope is null)
            {
                return;
            }

            foreach (var descendant in scope.Descendants())
            {
                if (descendant is IInvocationOperation other &&
                    SymbolEqualityComparer.Default.Equals(other.TargetMethod.ContainingType, builder) &&
                    AdmitsEveryOrigin(other, context.CancellationToken) is string how)
                {
                    context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS3012CorsAnyOriginWithCredentials, invocation.Syntax.GetLocation(), how));
                    return;
                }
            }
        }

        private static string? AdmitsEveryOrigin(IInvocationOperation invocation, CancellationToken cancellationToken)
        {
            switch (invocation.TargetMethod.Name)
            {
                case "AllowAnyOrigin":
                    return "AllowAnyOrigin()";
                case "WithOrigins":
                    foreach (var argument in invocation.Arguments)
                    {
                        foreach (var value in argument.Value.DescendantsAndSelf())
                        {
                            if (value.ConstantValue.HasValue && value.ConstantValue.Value is "*")
                            {
                                return "WithOrigins(\"*\")";
                            }
                        }
                    }

                    return null;
                case "SetIsOriginAllowed":
                    return invocation.Arguments.Length == 1 && AlwaysTrue.Returns(invocation.Arguments[0].Value.WithoutConversions(), cancellationToken)
                        ? "SetIsOriginAllowed(origin => true)"
                        : null;
                default:
                    return null;
            }
        }
    }
}
