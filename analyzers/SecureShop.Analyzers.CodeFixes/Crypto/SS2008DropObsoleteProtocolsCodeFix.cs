using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SecureShop.Analyzers.Crypto;

namespace SecureShop.Analyzers.CodeFixes.Crypto
{
    /// <summary>
    /// SS2008: drops the obsolete flags from the <c>|</c> combination (<c>SslProtocols.Tls | SslProtocols.Tls12</c> becomes
    /// <c>SslProtocols.Tls12</c>); when nothing is left, <c>SslProtocols.None</c> or <c>SecurityProtocolType.SystemDefault</c>
    /// lets the operating system choose. A <c>|=</c> statement that only adds obsolete flags is removed.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS2008DropObsoleteProtocolsCodeFix)), Shared]
    public sealed class SS2008DropObsoleteProtocolsCodeFix : ReportedNodeCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS2008");

        protected override bool NeedsSemanticModel => true;

        protected override string TitleFor(Diagnostic diagnostic) => "Drop the obsolete TLS/SSL protocols";

        protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode reported, Diagnostic diagnostic, SemanticModel? model)
        {
            if (model is null || !diagnostic.Properties.TryGetValue(SS2008ObsoleteTlsProtocolAnalyzer.FixKey, out var fix) || fix is null ||
                reported is not ExpressionSyntax expression)
            {
                return null;
            }

            if (fix == SS2008ObsoleteTlsProtocolAnalyzer.RemoveStatement)
            {
                SyntaxNode? statement = expression.FirstAncestorOrSelf<ExpressionStatementSyntax>();
                if (statement?.Parent is GlobalStatementSyntax global)
                {
                    statement = global;
                }

                return statement is null ? null : root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
            }

            var kept = Operands(expression).Where(operand => !IsObsolete(operand, model)).ToList();
            var replacement = kept.Count == 0
                ? SyntaxFactory.ParseExpression(fix).WithAdditionalAnnotations(Simplifier.Annotation)
                : kept.Select(k => k.WithoutTrivia()).Aggregate(Or);
            return root.ReplaceNode(expression, replacement.WithTriviaFrom(expression));
        }

        /// <summary>The operands of a <c>|</c> combination, in source order.</summary>
        private static IEnumerable<ExpressionSyntax> Operands(ExpressionSyntax expression) => expression switch
        {
            ParenthesizedExpressionSyntax parenthesized => Operands(parenthesized.Expression),
            BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.BitwiseOrExpression) => Operands(binary.Left).Concat(Operands(binary.Right)),
            _ => new[] { expression },
        };

        private static bool IsObsolete(ExpressionSyntax operand, SemanticModel model) =>
            model.GetSymbolInfo(operand).Symbol is IFieldSymbol field && SS2008ObsoleteTlsProtocolAnalyzer.ObsoleteProtocol(field) is not null;

        private static ExpressionSyntax Or(ExpressionSyntax left, ExpressionSyntax right) =>
            SyntaxFactory.BinaryExpression(
                SyntaxKind.BitwiseOrExpression,
                left,
                SyntaxFactory.Token(SyntaxFactory.TriviaList(SyntaxFactory.Space), SyntaxKind.BarToken, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
                right);
    }
}
