using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureShop.Analyzers.Auth;

namespace SecureShop.Analyzers.CodeFixes.Auth
{
    /// <summary>SS3006: <c>lockoutOnFailure: false</c> becomes <c>lockoutOnFailure: true</c>.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS3006LockoutOnFailureCodeFix)), Shared]
    public sealed class SS3006LockoutOnFailureCodeFix : ReportedNodeCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS3006");

        protected override string TitleFor(Diagnostic diagnostic) => "Lock the account after repeated failures (lockoutOnFailure: true)";

        protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode reported, Diagnostic diagnostic, SemanticModel? model) =>
            // Only the sign-in argument is mechanical; AllowedForNewUsers = false may be a deliberate policy.
            diagnostic.Properties.ContainsKey(SS3006NoLockoutOnFailedSignInAnalyzer.LockoutArgumentKey) && reported is ExpressionSyntax argument
                ? root.ReplaceNode(argument, SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(argument))
                : null;
    }
}
