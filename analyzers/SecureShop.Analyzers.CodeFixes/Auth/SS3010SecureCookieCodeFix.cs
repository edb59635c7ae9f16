using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Simplification;
using SecureShop.Analyzers.Auth;

namespace SecureShop.Analyzers.CodeFixes.Auth
{
    /// <summary>
    /// SS3010: sets the missing flags. <c>Cookies.Append(name, value)</c> gets <c>new CookieOptions { Secure = true, HttpOnly = true }</c>;
    /// an options object written in place gets <c>Secure = true</c>/<c>HttpOnly = true</c> (replacing <c>false</c>);
    /// <c>options.Cookie.SecurePolicy = CookieSecurePolicy.None</c> becomes <c>Always</c>, <c>Cookie.HttpOnly = false</c> becomes <c>true</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS3010SecureCookieCodeFix)), Shared]
    public sealed class SS3010SecureCookieCodeFix : ReportedNodeCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS3010");

        protected override string TitleFor(Diagnostic diagnostic) => "Mark the cookie Secure and HttpOnly";

        protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode reported, Diagnostic diagnostic, SemanticModel? model)
        {
            if (!diagnostic.Properties.TryGetValue(SS3010InsecureCookieAnalyzer.FlagsKey, out var flagList) || flagList is null)
            {
                return null;
            }

            var flags = flagList.Split(',');
            SyntaxNode? replacement = reported switch
            {
                AssignmentExpressionSyntax assignment => FixBuilderAssignment(assignment, flags[0]),
                InvocationExpressionSyntax append => FixAppend(append, flags),
                _ => null,
            };
            return replacement is null ? null : root.ReplaceNode(reported, replacement);
        }

        private static SyntaxNode? FixBuilderAssignment(AssignmentExpressionSyntax assignment, string flag)
        {
            ExpressionSyntax value = flag == "SecurePolicy"
                ? SyntaxFactory.ParseExpression("Microsoft.AspNetCore.Http.CookieSecurePolicy.Always").WithAdditionalAnnotations(Simplifier.Annotation)
                : SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression);
            return assignment.WithRight(value.WithTriviaFrom(assignment.Right));
        }

        private static SyntaxNode? FixAppend(InvocationExpressionSyntax append, string[] flags)
        {
            var arguments = append.ArgumentList.Arguments;
            if (arguments.Count == 2)
            {
                var initializer = SyntaxFactory.InitializerExpression(
                    SyntaxKind.ObjectInitializerExpression,
                    SyntaxFactory.SeparatedList<ExpressionSyntax>(flags.Select(SetTrue)));
                var options = SyntaxFactory.ObjectCreationExpression(
                        SyntaxFactory.ParseTypeName("Microsoft.AspNetCore.Http.CookieOptions").WithAdditionalAnnotations(Simplifier.Annotation))
                    .WithArgumentList(null)
                    .WithInitializer(initializer);
                return append.WithArgumentList(append.ArgumentList.AddArguments(SyntaxFactory.Argument(options)));
            }

            if (arguments.Count == 3 && arguments[2].Expression is ObjectCreationExpressionSyntax creation)
            {
                var updated = creation;
                foreach (var flag in flags)
                {
                    var existing = updated.Initializer?.Expressions.OfType<AssignmentExpressionSyntax>()
                        .FirstOrDefault(a => a.Left is IdentifierNameSyntax name && name.Identifier.ValueText == flag);
                    if (existing is not null)
                    {
                        updated = updated.ReplaceNode(existing, existing.WithRight(SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression).WithTriviaFrom(existing.Right)));
                    }
                    else if (updated.Initializer is null)
                    {
                        updated = updated.WithInitializer(SyntaxFactory.InitializerExpression(
                            SyntaxKind.ObjectInitializerExpression, SyntaxFactory.SingletonSeparatedList<ExpressionSyntax>(SetTrue(flag))));
                    }
                    else
                    {
                        updated = updated.WithInitializer(updated.Initializer.AddExpressions(SetTrue(flag)));
                    }
                }

                return append.ReplaceNode(creation, updated);
            }

            return null;
        }

        private static ExpressionSyntax SetTrue(string flag) =>
            SyntaxFactory.AssignmentExpression(
                SyntaxKind.SimpleAssignmentExpression,
                SyntaxFactory.IdentifierName(flag),
                SyntaxFactory.LiteralExpression(SyntaxKind.TrueLiteralExpression));
    }
}
