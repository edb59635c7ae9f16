using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SecureShop.Analyzers.Auth;

namespace SecureShop.Analyzers.CodeFixes.Auth
{
    /// <summary>
    /// SS3011: the comparison becomes <c>CryptographicOperations.FixedTimeEquals(...)</c>, over the UTF-8 bytes of two
    /// strings or directly over two byte sequences; <c>!=</c> becomes its negation.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS3011FixedTimeEqualsCodeFix)), Shared]
    public sealed class SS3011FixedTimeEqualsCodeFix : ReportedNodeCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS3011");

        protected override string TitleFor(Diagnostic diagnostic) => "Compare with CryptographicOperations.FixedTimeEquals";

        protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode reported, Diagnostic diagnostic, SemanticModel? model) =>
            diagnostic.Properties.TryGetValue(SS3011SecretComparedInNonConstantTimeAnalyzer.FixKey, out var kind) && kind is not null &&
            reported is ExpressionSyntax comparison && Rewrite(comparison, kind == "text") is ExpressionSyntax replacement
                ? root.ReplaceNode(comparison, replacement.WithTriviaFrom(comparison))
                : null;

        private static ExpressionSyntax? Rewrite(ExpressionSyntax comparison, bool text)
        {
            ExpressionSyntax? left = null;
            ExpressionSyntax? right = null;
            bool negate = false;
            switch (comparison)
            {
                case BinaryExpressionSyntax binary:
                    left = binary.Left;
                    right = binary.Right;
                    negate = binary.IsKind(SyntaxKind.NotEqualsExpression);
                    break;
                case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation:
                    var arguments = invocation.ArgumentList.Arguments;
                    if (arguments.Count == 1)
                    {
                        left = member.Expression;
                        right = arguments[0].Expression;
                    }
                    else if (arguments.Count == 2)
                    {
                        left = arguments[0].Expression;
                        right = arguments[1].Expression;
                    }

                    break;
            }

            if (left is null || right is null)
            {
                return null;
            }

            var call = SyntaxFactory.InvocationExpression(
                Qualified("System.Security.Cryptography.CryptographicOperations.FixedTimeEquals"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SeparatedList(new[]
                {
                    SyntaxFactory.Argument(text ? Utf8(left) : left.WithoutTrivia()),
                    SyntaxFactory.Argument(text ? Utf8(right) : right.WithoutTrivia()),
                })));
            return negate
                ? SyntaxFactory.PrefixUnaryExpression(SyntaxKind.LogicalNotExpression, call)
                : call;
        }

        private static ExpressionSyntax Utf8(ExpressionSyntax value) =>
            SyntaxFactory.InvocationExpression(
                Qualified("System.Text.Encoding.UTF8.GetBytes"),
                SyntaxFactory.ArgumentList(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(value.WithoutTrivia()))));

        private static ExpressionSyntax Qualified(string name) =>
            SyntaxFactory.ParseExpression(name).WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
