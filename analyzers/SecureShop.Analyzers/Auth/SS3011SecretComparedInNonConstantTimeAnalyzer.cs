using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3011: a value named like a secret (hash, HMAC, signature, token, password, API key) compared with
    /// <c>==</c>/<c>!=</c>, <c>Equals</c>, <c>string.Equals</c>, <c>string.Compare</c> or <c>SequenceEqual</c>,
    /// which stop at the first differing character and so leak, by timing, how much of a guess was right.
    /// Comparisons with null, constants or lengths are not about the secret's content and are left alone, and so are
    /// comparisons that are no timing oracle (<see cref="TimingOracle"/>: expression trees run by the database,
    /// confirmation fields, change detection, content fingerprints).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3011SecretComparedInNonConstantTimeAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>How the code fix rewrites the comparison: "text" (UTF-8 bytes of two strings) or "bytes"; absent when no safe rewrite exists.</summary>
        internal const string FixKey = "Fix";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3011SecretComparedInNonConstantTime);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterOperationAction(AnalyzeBinary, OperationKind.Binary);
            context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
        }

        private static void AnalyzeBinary(OperationAnalysisContext context)
        {
            var binary = (IBinaryOperation)context.Operation;
            if ((binary.OperatorKind != BinaryOperatorKind.Equals && binary.OperatorKind != BinaryOperatorKind.NotEquals) ||
                binary.LeftOperand.Type?.SpecialType != SpecialType.System_String || binary.RightOperand.Type?.SpecialType != SpecialType.System_String)
            {
                return;
            }

            Check(context, binary.LeftOperand, binary.RightOperand, binary.OperatorKind == BinaryOperatorKind.Equals ? "==" : "!=", "text");
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "Equals" when method.ContainingType?.SpecialType == SpecialType.System_String:
                    if (invocation.Instance is not null && invocation.Arguments.Length >= 1)
                    {
                        Check(context, invocation.Instance, invocation.Arguments[0].Value, "string.Equals", invocation.Arguments.Length == 1 ? "text" : null);
                    }
                    else if (invocation.Instance is null && invocation.Arguments.Length >= 2)
                    {
                        Check(context, invocation.Arguments[0].Value, invocation.Arguments[1].Value, "string.Equals", invocation.Arguments.Length == 2 ? "text" : null);
                    }

                    break;
                case "Compare" or "CompareOrdinal" when method.ContainingType?.SpecialType == SpecialType.System_String && invocation.Arguments.Length >= 2:
                    Check(context, invocation.Arguments[0].Value, invocation.Arguments[1].Value, "string." + method.Name, null);
                    break;
                case "SequenceEqual" when invocation.Arguments.Length >= 1:
                    var first = invocation.Instance ?? invocation.Arguments[0].Value;
                    var second = invocation.Instance is null ? (invocation.Arguments.Length >= 2 ? invocation.Arguments[1].Value : null) : invocation.Arguments[0].Value;
                    int expectedArguments = invocation.Instance is null ? 2 : 1;
                    if (second is not null)
                    {
                        Check(context, first, second, "SequenceEqual", invocation.Arguments.Length == expectedArguments && IsBytes(first) && IsBytes(second) ? "bytes" : null);
                    }

                    break;
            }
        }

        private static void Check(OperationAnalysisContext context, IOperation left, IOperation right, string how, string? fix)
        {
            left = left.WithoutConversions();
            right = right.WithoutConversions();
            if (IsConstantOrNull(left) || IsConstantOrNull(right))
            {
                return;
            }

            string? leftName = ValueName(left);
            string? rightName = ValueName(right);
            string? name = IsSecret(leftName) ? leftName : IsSecret(rightName) ? rightName : null;
            if (name is null || TimingOracle.IsNoOracle(context.Operation, left, right, leftName, rightName))
            {
                return;
            }

            var properties = fix is null ? ImmutableDictionary<string, string?>.Empty : ImmutableDictionary<string, string?>.Empty.Add(FixKey, fix);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3011SecretComparedInNonConstantTime, context.Operation.Syntax.GetLocation(), properties, name, how));
        }

        private static bool IsConstantOrNull(IOperation operation) =>
            operation.ConstantValue.HasValue || operation is IDefaultValueOperation ||
            operation is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };

        private static bool IsBytes(IOperation operation)
        {
            var type = operation.WithoutConversions().Type;
            return type is IArrayTypeSymbol { ElementType.SpecialType: SpecialType.System_Byte } ||
                (type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span", TypeArguments.Length: 1 } span && span.TypeArguments[0].SpecialType == SpecialType.System_Byte);
        }

        private static bool IsSecret(string? name) => name is not null && SecretNames.IsSecretName(name);

        /// <summary>The name of the value, if it has one: a local, parameter, field, property or the method that produced it.</summary>
        private static string? ValueName(IOperation operation) => operation switch
        {
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            IFieldReferenceOperation field => field.Field.Name,
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.Name,
            IInvocationOperation { TargetMethod.Name: "ToString" or "ToBase64String" or "ToHexString" or "ToHexStringLower" } conversion =>
                conversion.Instance is not null ? ValueName(conversion.Instance.WithoutConversions()) :
                conversion.Arguments.Length > 0 ? ValueName(conversion.Arguments[0].Value.WithoutConversions()) : null,
            IInvocationOperation invocation => invocation.TargetMethod.Name,
            _ => null,
        };
    }
}
