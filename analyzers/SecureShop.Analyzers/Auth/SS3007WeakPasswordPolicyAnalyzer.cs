using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3007: ASP.NET Core Identity options set weaker than PCI DSS 8.3.6 asks: <c>PasswordOptions.RequiredLength</c>
    /// below 12, <c>LockoutOptions.MaxFailedAccessAttempts</c> above 10. Only explicit constant assignments are
    /// judged: Identity's defaults are left to the framework's own guidance.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3007WeakPasswordPolicyAnalyzer : DiagnosticAnalyzer
    {
        private const int MinimumLength = 12;
        private const int MaximumAttempts = 10;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3007WeakPasswordPolicy);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var passwordOptions = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Identity.PasswordOptions");
                var lockoutOptions = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Identity.LockoutOptions");
                if (passwordOptions is null || lockoutOptions is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, passwordOptions, lockoutOptions), OperationKind.SimpleAssignment);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol passwordOptions, INamedTypeSymbol lockoutOptions)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property } ||
                !assignment.Value.ConstantValue.HasValue || assignment.Value.ConstantValue.Value is not int value)
            {
                return;
            }

            string? problem = property.Name switch
            {
                "RequiredLength" when SymbolEqualityComparer.Default.Equals(property.ContainingType, passwordOptions) && value < MinimumLength =>
                    $"RequiredLength = {value} (at least {MinimumLength})",
                "MaxFailedAccessAttempts" when SymbolEqualityComparer.Default.Equals(property.ContainingType, lockoutOptions) && value > MaximumAttempts =>
                    $"MaxFailedAccessAttempts = {value} (at most {MaximumAttempts})",
                _ => null,
            };
            if (problem is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS3007WeakPasswordPolicy, assignment.Syntax.GetLocation(), problem));
            }
        }
    }
}
