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
    /// SS2001: the SHA-256 equivalent of the weak call, offered only where the analyzer found it safe (see its <c>FixKey</c>):
    /// <c>MD5.Create()</c>/<c>new SHA1Managed()</c> become <c>SHA256.Create()</c>; <c>MD5.HashData(x)</c> becomes
    /// <c>SHA256.HashData(x)</c>; <c>new HMACSHA1(key)</c> and <c>HMACSHA1.HashData(key, data)</c> use <c>HMACSHA256</c>;
    /// <c>HashAlgorithmName.SHA1</c> becomes <c>HashAlgorithmName.SHA256</c>; <c>CryptoConfig.CreateFromName("MD5")</c>
    /// asks for <c>"SHA256"</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS2001Sha256CodeFix)), Shared]
    public sealed class SS2001Sha256CodeFix : ReportedNodeCodeFix
    {
        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS2001");

        protected override string TitleFor(Diagnostic diagnostic) => "Use SHA-256";

        protected override SyntaxNode? Fix(SyntaxNode root, SyntaxNode reported, Diagnostic diagnostic, SemanticModel? model) =>
            diagnostic.Properties.TryGetValue(SS2001WeakHashAnalyzer.FixKey, out var fix) && fix is not null &&
            diagnostic.Properties.TryGetValue(SS2001WeakHashAnalyzer.TargetKey, out var target) && target is not null &&
            Rewrite(reported, fix, target) is SyntaxNode replacement
                ? root.ReplaceNode(reported, replacement.WithTriviaFrom(reported))
                : null;

        private static SyntaxNode? Rewrite(SyntaxNode node, string fix, string target) => (fix, node) switch
        {
            (SS2001WeakHashAnalyzer.FixCreate, InvocationExpressionSyntax or BaseObjectCreationExpressionSyntax) =>
                SyntaxFactory.InvocationExpression(
                    SyntaxFactory.MemberAccessExpression(SyntaxKind.SimpleMemberAccessExpression, Type(target), SyntaxFactory.IdentifierName("Create"))),
            (SS2001WeakHashAnalyzer.FixType, ObjectCreationExpressionSyntax creation) =>
                creation.WithType(Type(target).WithTriviaFrom(creation.Type)),
            (SS2001WeakHashAnalyzer.FixType, InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call) =>
                call.WithExpression(member.WithExpression(Type(target).WithTriviaFrom(member.Expression))),
            (SS2001WeakHashAnalyzer.FixName, MemberAccessExpressionSyntax name) =>
                name.WithName(SyntaxFactory.IdentifierName(target).WithTriviaFrom(name.Name)),
            (SS2001WeakHashAnalyzer.FixLiteral, InvocationExpressionSyntax call) when FirstStringLiteral(call) is { } literal =>
                call.ReplaceNode(literal, SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(target)).WithTriviaFrom(literal)),
            _ => null,
        };

        private static LiteralExpressionSyntax? FirstStringLiteral(InvocationExpressionSyntax call) =>
            call.ArgumentList.Arguments.Select(a => a.Expression).OfType<LiteralExpressionSyntax>().FirstOrDefault(l => l.IsKind(SyntaxKind.StringLiteralExpression));

        private static TypeSyntax Type(string name) =>
            SyntaxFactory.ParseTypeName("System.Security.Cryptography." + name).WithAdditionalAnnotations(Simplifier.Annotation);
    }
}
