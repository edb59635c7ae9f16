using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3003: credentials in source code. Any string literal holding a well-known key format (Stripe <c>sk_live_</c>,
    /// <c>rk_live_</c>, <c>whsec_</c>, AWS <c>AKIA...</c>, PEM private keys, ...) or a connection string with
    /// <c>Password=</c>/<c>Pwd=</c>; and a non-empty literal given to a secret-shaped name (field, property, local,
    /// assignment, argument) when <see cref="SecretValue"/> judges the value a secret. Placeholders, setting names, key names
    /// and character sets are clean. Messages mask the value.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3003HardcodedSecretAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3003HardcodedSecret);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                // A key in a provider's own format (sk_live_..., AKIA...) is reported everywhere, test code included;
                // a literal under a credential-like name in a test project is a fixture.
                start.RegisterOperationAction(AnalyzeLiteral, OperationKind.Literal);
                if (TestCode.IsTestProject(start.Compilation, start.Options))
                {
                    return;
                }

                start.RegisterOperationAction(
                    c => AnalyzeNamed(c, ((IFieldInitializerOperation)c.Operation).InitializedFields.IsEmpty ? null : ((IFieldInitializerOperation)c.Operation).InitializedFields[0], ((IFieldInitializerOperation)c.Operation).Value),
                    OperationKind.FieldInitializer);
                start.RegisterOperationAction(
                    c => AnalyzeNamed(c, ((IPropertyInitializerOperation)c.Operation).InitializedProperties.IsEmpty ? null : ((IPropertyInitializerOperation)c.Operation).InitializedProperties[0], ((IPropertyInitializerOperation)c.Operation).Value),
                    OperationKind.PropertyInitializer);
                start.RegisterOperationAction(
                    c => { var d = (IVariableDeclaratorOperation)c.Operation; if (d.Initializer is not null) AnalyzeNamed(c, d.Symbol, d.Initializer.Value); },
                    OperationKind.VariableDeclarator);
                start.RegisterOperationAction(
                    c => { var a = (ISimpleAssignmentOperation)c.Operation; AnalyzeNamed(c, TargetSymbol(a.Target), a.Value); },
                    OperationKind.SimpleAssignment);
                start.RegisterOperationAction(
                    c => { var a = (IArgumentOperation)c.Operation; if (a.ArgumentKind == ArgumentKind.Explicit) AnalyzeNamed(c, a.Parameter, a.Value); },
                    OperationKind.Argument);
            });
        }

        private static ISymbol? TargetSymbol(IOperation target) => target switch
        {
            IPropertyReferenceOperation property => property.Property,
            IFieldReferenceOperation field => field.Field,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };

        private static void AnalyzeLiteral(OperationAnalysisContext context)
        {
            if (context.Operation.ConstantValue.Value is string text &&
                HardcodedCredential.KindOfLiteral(text, out string masked) is string kind)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS3003HardcodedSecret, context.Operation.Syntax.GetLocation(), kind, "a string literal", masked));
            }
        }

        private static void AnalyzeNamed(OperationAnalysisContext context, ISymbol? symbol, IOperation value)
        {
            value = value.WithoutConversions();
            if (symbol is null || value is not ILiteralOperation || value.ConstantValue.Value is not string text ||
                !HardcodedCredential.IsNamedCredential(symbol, text))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3003HardcodedSecret, value.Syntax.GetLocation(), "credential", "'" + symbol.Name + "'", Mask.Secret(text)));
        }
    }
}
