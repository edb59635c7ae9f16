using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
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
    public sealed class SS2008DropObsoleteProtocolsCodeFix : CodeFixProvider
    {
        private const string Title = "Drop the obsolete TLS/SSL protocols";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS2008");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(SS2008ObsoleteTlsProtocolAnalyzer.FixKey, out var fix) || fix is null ||
                    root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax expression)
                {
                    continue;
                }

                SyntaxNode? fixedRoot;
                if (fix == SS2008ObsoleteTlsProtocolAnalyzer.RemoveStatement)
                {
                    SyntaxNode? statement = expression.FirstAncestorOrSelf<ExpressionStatementSyntax>();
                    if (statement?.Parent is GlobalStatementSyntax global)
                    {
                        statement = global;
                    }

                    fixedRoot = statement is null ? null : root.RemoveNode(statement, SyntaxRemoveOptions.KeepNoTrivia);
                }
                else
                {
                    var kept = Operands(expression).Where(operand => !IsObsolete(operand, model)).ToList();
                    var replacement = kept.Count == 0
                        ? SyntaxFactory.ParseExpression(fix).WithAdditionalAnnotations(Simplifier.Annotation)
                        : kept.Select(k => k.WithoutTrivia()).Aggregate(Or);
                    fixedRoot = root.ReplaceNode(expression, replacement.WithTriviaFrom(expression));
                }

                if (fixedRoot is not null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, _ => Task.FromResult(context.Document.WithSyntaxRoot(fixedRoot)), equivalenceKey: nameof(SS2008DropObsoleteProtocolsCodeFix)),
                        diagnostic);
                }
            }
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
