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
    /// <summary>SS3006: <c>lockoutOnFailure: false</c> becomes <c>lockoutOnFailure: true</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS3006LockoutOnFailureCodeFix)), Shared]
    public sealed class SS3006LockoutOnFailureCodeFix : CodeFixProvider
    {
        private const string Title = "Lock the account after repeated failures (lockoutOnFailure: true)";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS3006");

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            foreach (var diagnostic in context.Diagnostics)
            {
                // Only the sign-in argument is mechanical; AllowedForNewUsers = false may be a deliberate policy.
                if (!diagnostic.Properties.ContainsKey(SS3006NoLockoutOnFailedSignInAnalyzer.LockoutArgumentKey) ||
                    root?.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not ExpressionSyntax argument)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        Title,
                        _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(
                            argument,
                            SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(argument)))),
                        equivalenceKey: nameof(SS3006LockoutOnFailureCodeFix)),
                    diagnostic);
            }
        }
    }
}
