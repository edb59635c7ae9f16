using System.Collections.Immutable;
using System.Composition;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureShop.Analyzers.Auth;

namespace SecureShop.Analyzers.CodeFixes.Auth
{
    /// <summary>SS3009: <c>Redirect(url)</c> becomes <c>LocalRedirect(url)</c>, which refuses any URL that leaves the site.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS3009LocalRedirectCodeFix)), Shared]
    public sealed class SS3009LocalRedirectCodeFix : CodeFixProvider
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS3009");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(SS3009OpenRedirectAnalyzer.LocalMethodKey, out var localMethod) || localMethod is null ||
                    root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax invocation)
                {
                    continue;
                }

                SimpleNameSyntax? name = invocation.Expression switch
                {
                    MemberAccessExpressionSyntax member => member.Name,
                    SimpleNameSyntax simple => simple,
                    _ => null,
                };
                if (name is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Use " + localMethod,
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceToken(
                            name.Identifier,
                            SyntaxFactory.Identifier(localMethod).WithTriviaFrom(name.Identifier)))),
                        equivalenceKey: nameof(SS3009LocalRedirectCodeFix)),
                    diagnostic);
            }
        }
    }
}
