using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SecureShop.Analyzers.CodeFixes
{
    /// <summary>
    /// A code fix that rewrites the syntax a diagnostic reports. One loop serves every such rule: it finds each diagnostic's
    /// node, asks the rule for the fixed document root, and offers that; Fix All batches the same rewrites. A rule whose fix
    /// reaches beyond the reported node in ways a batch cannot merge (SS2006 removes a <c>Random</c> left unused) implements
    /// <see cref="CodeFixProvider"/> itself.
    /// </summary>
    public abstract class ReportedNodeCodeFix : CodeFixProvider
    {
        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        /// <summary>True when <see cref="Fix"/> reads the semantic model; only then is it computed.</summary>
        protected virtual bool NeedsSemanticModel => false;

        /// <summary>The title of the fix offered for <paramref name="diagnostic"/>.</summary>
        protected abstract string TitleFor(Diagnostic diagnostic);

        /// <summary>The document root with <paramref name="reported"/> fixed, or null when this diagnostic has no safe fix.</summary>
        protected abstract SyntaxNode? Fix(SyntaxNode root, SyntaxNode reported, Diagnostic diagnostic, SemanticModel? model);

        public sealed override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            var model = NeedsSemanticModel ? await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false) : null;
            foreach (var diagnostic in context.Diagnostics)
            {
                var reported = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                if (Fix(root, reported, diagnostic, model) is not SyntaxNode fixedRoot)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(TitleFor(diagnostic), _ => Task.FromResult(context.Document.WithSyntaxRoot(fixedRoot)), equivalenceKey: GetType().Name),
                    diagnostic);
            }
        }
    }
}
