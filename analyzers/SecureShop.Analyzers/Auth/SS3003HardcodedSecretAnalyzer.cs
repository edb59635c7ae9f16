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

                // Literals that reach a password through a const, a field, a local or the project's own method.
                var networkCredential = KnownTypes.Get(start.Compilation, "System.Net.NetworkCredential");
                if (networkCredential is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeCredentialCreation(c, networkCredential), OperationKind.ObjectCreation);
                }

                start.RegisterOperationAction(AnalyzeConcatenation, OperationKind.Binary);
                start.RegisterOperationAction(AnalyzeInterpolation, OperationKind.InterpolatedString);
            });
        }

        /// <summary><c>new NetworkCredential(user, password)</c> whose password is a literal held elsewhere (a literal written there is <see cref="AnalyzeNamed"/>'s).</summary>
        private static void AnalyzeCredentialCreation(OperationAnalysisContext context, INamedTypeSymbol networkCredential)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (!SymbolEqualityComparer.Default.Equals(creation.Type, networkCredential))
            {
                return;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.Explicit && argument.Parameter is { Name: "password", Type.SpecialType: SpecialType.System_String } parameter &&
                    argument.Value.WithoutConversions() is not ILiteralOperation &&
                    ConstantOrigin.StringOf(argument.Value, context.Compilation) is { } constant &&
                    !HardcodedCredential.IsReported(constant.NamedBy, constant.Literal) && HardcodedCredential.IsNamedCredential(parameter, constant.Text))
                {
                    context.ReportDiagnostic(MethodSummaries.Report(
                        Descriptors.SS3003HardcodedSecret, argument.Value.Syntax.GetLocation(), constant.StepsWithLiteral(),
                        "credential", "the password of new NetworkCredential (" + constant.Description + ")", Mask.Secret(constant.Text)));
                }
            }
        }

        /// <summary><c>"Server=db;User Id=shop;Password=" + DbPassword</c>: a literal value after a connection string's password key.</summary>
        private static void AnalyzeConcatenation(OperationAnalysisContext context)
        {
            var binary = (IBinaryOperation)context.Operation;
            if (binary.OperatorKind == BinaryOperatorKind.Add && binary.Type?.SpecialType == SpecialType.System_String && EndsWithPasswordKey(TextBefore(binary.LeftOperand)))
            {
                ReportPasswordValue(context, binary.RightOperand);
            }
        }

        /// <summary><c>$"Server=db;Password={DbPassword}"</c>.</summary>
        private static void AnalyzeInterpolation(OperationAnalysisContext context)
        {
            var parts = ((IInterpolatedStringOperation)context.Operation).Parts;
            for (int i = 1; i < parts.Length; i++)
            {
                if (parts[i] is IInterpolationOperation hole && parts[i - 1] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string before } &&
                    EndsWithPasswordKey(before))
                {
                    ReportPasswordValue(context, hole.Expression);
                }
            }
        }

        private static void ReportPasswordValue(OperationAnalysisContext context, IOperation value)
        {
            if (ConstantOrigin.StringOf(value, context.Compilation) is not { } constant || HardcodedCredential.IsReported(constant.NamedBy, constant.Literal) ||
                SecretText.ConnectionStringPassword("Password=" + constant.Text) is null)
            {
                return;
            }

            context.ReportDiagnostic(MethodSummaries.Report(
                Descriptors.SS3003HardcodedSecret, value.Syntax.GetLocation(), constant.IsIndirect ? constant.StepsWithLiteral() : System.Array.Empty<(Location, string)>(),
                "connection-string password", "a connection string built from " + constant.Description, "Password=****"));
        }

        /// <summary>The constant text a concatenation's left side ends with (<c>a + "Password="</c>: the last literal), or null.</summary>
        private static string? TextBefore(IOperation left)
        {
            left = left.WithoutConversions();
            return left.ConstantValue is { HasValue: true, Value: string text } ? text
                : left is IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } inner ? TextBefore(inner.RightOperand)
                : left is IInterpolatedStringOperation { Parts: { Length: > 0 } parts } && parts[parts.Length - 1] is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string last } ? last
                : null;
        }

        private static bool EndsWithPasswordKey(string? text)
        {
            if (text is null)
            {
                return false;
            }

            string trimmed = text.TrimEnd();
            if (!trimmed.EndsWith("=", System.StringComparison.Ordinal))
            {
                return false;
            }

            string key = trimmed.Substring(0, trimmed.Length - 1).TrimEnd();
            int start = key.LastIndexOf(';') + 1;
            key = key.Substring(start).Trim();
            return key.Equals("Password", System.StringComparison.OrdinalIgnoreCase) || key.Equals("Pwd", System.StringComparison.OrdinalIgnoreCase);
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
