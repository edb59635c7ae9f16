using System.Collections.Immutable;
using System.Composition;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SecureShop.Analyzers.Auth;

namespace SecureShop.Analyzers.CodeFixes.Auth
{
    /// <summary>SS3009: <c>Redirect(url)</c> becomes <c>LocalRedirect(url)</c>, which refuses any URL that leaves the site.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS3009LocalRedirectCodeFix)), Shared]
    public sealed class SS3009LocalRedirectCodeFix : ReportedNodeCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS3009");

        protected override string TitleFor(Diagnostic diagnostic) => "Use " + LocalMethod(diagnostic);

        protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode reported, Diagnostic diagnostic, SemanticModel? model)
        {
            SimpleNameSyntax? name = (reported as InvocationExpressionSyntax)?.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name,
                SimpleNameSyntax simple => simple,
                _ => null,
            };
            return LocalMethod(diagnostic) is string localMethod && name is not null
                ? root.ReplaceToken(name.Identifier, SyntaxFactory.Identifier(localMethod).WithTriviaFrom(name.Identifier))
                : null;
        }

        private static string? LocalMethod(Diagnostic diagnostic) =>
            diagnostic.Properties.TryGetValue(SS3009OpenRedirectAnalyzer.LocalMethodKey, out var localMethod) ? localMethod : null;
    }
}
