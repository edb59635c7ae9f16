using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3006: <c>SignInManager.PasswordSignInAsync</c>/<c>CheckPasswordSignInAsync</c> called with
    /// <c>lockoutOnFailure</c> a constant false, and <c>LockoutOptions.AllowedForNewUsers = false</c>:
    /// password guessing is never slowed down.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3006NoLockoutOnFailedSignInAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Tells the code fix which argument to change (absent for the options assignment).</summary>
        internal const string LockoutArgumentKey = "LockoutArgument";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3006NoLockoutOnFailedSignIn);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var signInManager = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Identity.SignInManager`1");
                var lockoutOptions = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Identity.LockoutOptions");
                if (signInManager is null && lockoutOptions is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeSignIn(c, signInManager), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeOptions(c, lockoutOptions), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeSignIn(OperationAnalysisContext context, INamedTypeSymbol? signInManager)
        {
            var invocation = (IInvocationOperation)context.Operation;
            string name = invocation.TargetMethod.Name;
            if ((name != "PasswordSignInAsync" && name != "CheckPasswordSignInAsync") || signInManager is null ||
                !IsSignInManager(invocation.TargetMethod.ContainingType, signInManager))
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "lockoutOnFailure" && argument.ArgumentKind == ArgumentKind.Explicit &&
                    argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is false)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SS3006NoLockoutOnFailedSignIn,
                        argument.Value.Syntax.GetLocation(),
                        ImmutableDictionary<string, string?>.Empty.Add(LockoutArgumentKey, "true"),
                        name + "(..., lockoutOnFailure: false)"));
                }
            }
        }

        private static void AnalyzeOptions(OperationAnalysisContext context, INamedTypeSymbol? lockoutOptions)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (lockoutOptions is not null &&
                assignment.Target is IPropertyReferenceOperation { Property: { Name: "AllowedForNewUsers" } property } &&
                SymbolEqualityComparer.Default.Equals(property.ContainingType, lockoutOptions) &&
                assignment.Value.ConstantValue.HasValue && assignment.Value.ConstantValue.Value is false)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SS3006NoLockoutOnFailedSignIn, assignment.Syntax.GetLocation(), "LockoutOptions.AllowedForNewUsers = false"));
            }
        }

        private static bool IsSignInManager(INamedTypeSymbol? type, INamedTypeSymbol signInManager)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, signInManager))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
