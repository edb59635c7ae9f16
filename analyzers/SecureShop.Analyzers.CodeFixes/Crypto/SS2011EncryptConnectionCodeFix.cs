using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureShop.Analyzers.Crypto;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.CodeFixes.Crypto
{
    /// <summary>
    /// SS2011: flips the reported keyword. In a literal (regular, verbatim, raw or interpolated) only the weak values change,
    /// with their letter case: <c>Encrypt=False</c> -> <c>Encrypt=True</c>, <c>TrustServerCertificate=True</c> -> <c>False</c>,
    /// <c>SslMode=Disable</c> -> <c>Require</c> (Npgsql), <c>SslMode=None</c> -> <c>Required</c> (MySQL). On a builder the
    /// assigned value changes: <c>true</c>/<c>false</c>, <c>SqlConnectionEncryptOption.Mandatory</c>, <c>SslMode.Require</c>,
    /// <c>MySqlSslMode.Required</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS2011EncryptConnectionCodeFix)), Shared]
    public sealed class SS2011EncryptConnectionCodeFix : ReportedNodeCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS2011");

        protected override string TitleFor(Diagnostic diagnostic) => "Encrypt the database connection";

        protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode reported, Diagnostic diagnostic, SemanticModel? model)
        {
            SyntaxNode? replacement = null;
            if (diagnostic.Properties.TryGetValue(SS2011DatabaseConnectionUnencryptedAnalyzer.KeysKey, out var keys) && keys is not null)
            {
                replacement = RewriteText(reported, new HashSet<string>(keys.Split(',')));
            }
            else if (diagnostic.Properties.TryGetValue(SS2011DatabaseConnectionUnencryptedAnalyzer.ValueKey, out var safe) && safe is not null &&
                     reported is AssignmentExpressionSyntax assignment)
            {
                replacement = RewriteValue(assignment, safe);
            }

            return replacement is null ? null : root.ReplaceNode(reported, replacement);
        }

        /// <summary>The literal, or the literal parts of an interpolated string, with the weak values flipped in both source text and value.</summary>
        private static SyntaxNode? RewriteText(SyntaxNode node, ICollection<string> keys)
        {
            var tokens = node switch
            {
                LiteralExpressionSyntax literal => new[] { literal.Token },
                InterpolatedStringExpressionSyntax interpolated => interpolated.Contents.OfType<InterpolatedStringTextSyntax>().Select(p => p.TextToken).ToArray(),
                _ => new SyntaxToken[0],
            };
            bool changed = false;
            var rewritten = node.ReplaceTokens(tokens, (original, _) =>
            {
                string text = ConnectionStringText.Rewrite(original.Text, keys);
                if (text == original.Text)
                {
                    return original;
                }

                changed = true;
                return SyntaxFactory.Token(original.LeadingTrivia, original.Kind(), text, ConnectionStringText.Rewrite(original.ValueText, keys), original.TrailingTrivia);
            });
            return changed ? rewritten : null;
        }

        /// <summary><c>Encrypt = false</c> -> <c>true</c>; <c>SslMode = SslMode.Disable</c> -> <c>SslMode.Require</c>.</summary>
        private static SyntaxNode? RewriteValue(AssignmentExpressionSyntax assignment, string safe)
        {
            ExpressionSyntax? value = safe switch
            {
                "true" => SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression),
                "false" => SyntaxFactory.LiteralExpression(SyntaxKind.FalseLiteralExpression),
                _ => assignment.Right is MemberAccessExpressionSyntax member ? member.WithName(SyntaxFactory.IdentifierName(safe)) : null,
            };
            return value is null ? null : assignment.WithRight(value.WithTriviaFrom(assignment.Right));
        }
    }
}
