using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
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
    /// SS2006: the <c>Random</c> call becomes its <c>RandomNumberGenerator</c> equivalent: <c>Next(max)</c> and
    /// <c>Next(min, max)</c> become <c>GetInt32</c>, <c>Next()</c> becomes <c>GetInt32(int.MaxValue)</c>, <c>NextBytes</c> becomes
    /// <c>Fill</c>, <c>GetItems</c>/<c>GetHexString</c>/<c>GetString</c> keep their names. A <c>Random</c> local or private field
    /// left without a use is removed when its initializer has no side effect (<c>new Random()</c>, <c>Random.Shared</c>).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SS2006RandomNumberGeneratorCodeFix)), Shared]
    public sealed class SS2006RandomNumberGeneratorCodeFix : CodeFixProvider
    {
        private const string Title = "Use RandomNumberGenerator";
        private const string Generator = "System.Security.Cryptography.RandomNumberGenerator";

        private static readonly SyntaxAnnotation s_receiver = new(nameof(SS2006RandomNumberGeneratorCodeFix));

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create("SS2006");

        public override FixAllProvider GetFixAllProvider() =>
            FixAllProvider.Create(async (context, document, diagnostics) => (Document?)await FixAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false));

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (diagnostic.Properties.ContainsKey(SS2006InsecureRandomAnalyzer.FixKey))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            Title,
                            cancellation => FixAsync(context.Document, ImmutableArray.Create(diagnostic), cancellation),
                            equivalenceKey: nameof(SS2006RandomNumberGeneratorCodeFix)),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        private static async Task<Document> FixAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellation)
        {
            var root = await document.GetSyntaxRootAsync(cancellation).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellation).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var calls = new Dictionary<SyntaxNode, (string Method, TypeArgumentListSyntax? TypeArguments)>();
            var receivers = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(SS2006InsecureRandomAnalyzer.FixKey, out var method) || method is null ||
                    root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access } call)
                {
                    continue;
                }

                calls[call] = (method, TypeArguments(call, access, model, cancellation));
                if (RemovableDeclarator(model.GetSymbolInfo(access.Expression, cancellation).Symbol, root.SyntaxTree, cancellation) is { } declarator)
                {
                    receivers.Add(declarator);
                }
            }

            var fixedRoot = root.ReplaceNodes(
                calls.Keys.Concat(receivers),
                (original, rewritten) => calls.TryGetValue(original, out var call)
                    ? Rewrite((InvocationExpressionSyntax)rewritten, call.Method, call.TypeArguments)
                    : rewritten.WithAdditionalAnnotations(s_receiver));
            var unused = fixedRoot.GetAnnotatedNodes(s_receiver).OfType<VariableDeclaratorSyntax>().Where(IsUnused).Select(d => d.Parent!.Parent!).ToList();
            if (unused.Count > 0)
            {
                fixedRoot = fixedRoot.RemoveNodes(unused, SyntaxRemoveOptions.KeepNoTrivia) ?? fixedRoot;
            }

            return document.WithSyntaxRoot(fixedRoot);
        }

        private static ExpressionSyntax Rewrite(InvocationExpressionSyntax call, string method, TypeArgumentListSyntax? typeArguments)
        {
            SimpleNameSyntax name = typeArguments is null
                ? SyntaxFactory.IdentifierName(method)
                : SyntaxFactory.GenericName(SyntaxFactory.Identifier(method), typeArguments);
            var arguments = call.ArgumentList;
            if (method == "GetInt32" && arguments.Arguments.Count == 0)
            {
                arguments = arguments.WithArguments(SyntaxFactory.SingletonSeparatedList(SyntaxFactory.Argument(SyntaxFactory.ParseExpression("int.MaxValue"))));
            }

            var target = SyntaxFactory.MemberAccessExpression(
                SyntaxKind.SimpleMemberAccessExpression,
                SyntaxFactory.ParseExpression(Generator).WithAdditionalAnnotations(Simplifier.Annotation),
                name);
            return SyntaxFactory.InvocationExpression(target, arguments).WithTriviaFrom(call);
        }

        /// <summary>
        /// <c>RandomNumberGenerator.GetItems</c> takes spans only: before C# 14 an array or a string does not infer the element
        /// type, so it is written out unless the call already names it.
        /// </summary>
        private static TypeArgumentListSyntax? TypeArguments(InvocationExpressionSyntax call, MemberAccessExpressionSyntax access, SemanticModel model, CancellationToken cancellation)
        {
            if (access.Name is GenericNameSyntax generic)
            {
                return generic.TypeArgumentList;
            }

            if (access.Name.Identifier.ValueText != "GetItems" || call.ArgumentList.Arguments.Count == 0 ||
                model.GetSymbolInfo(call, cancellation).Symbol is not IMethodSymbol { TypeArguments.Length: 1 } method ||
                model.GetTypeInfo(call.ArgumentList.Arguments[0].Expression, cancellation).Type is INamedTypeSymbol { Name: "ReadOnlySpan" or "Span" })
            {
                return null;
            }

            var type = SyntaxFactory.ParseTypeName(method.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
                .WithAdditionalAnnotations(Simplifier.Annotation);
            return SyntaxFactory.TypeArgumentList(SyntaxFactory.SingletonSeparatedList(type));
        }

        /// <summary>
        /// The declarator of a <c>Random</c> local (in a block) or private field of this document, declared alone, whose
        /// initializer can go without a trace.
        /// </summary>
        private static SyntaxNode? RemovableDeclarator(ISymbol? symbol, SyntaxTree tree, CancellationToken cancellation)
        {
            bool candidate = symbol switch
            {
                ILocalSymbol => true,
                IFieldSymbol field => field.DeclaredAccessibility == Accessibility.Private && field.ContainingType.DeclaringSyntaxReferences.Length == 1,
                _ => false,
            };
            if (!candidate || symbol!.DeclaringSyntaxReferences.Length != 1 || symbol.DeclaringSyntaxReferences[0].SyntaxTree != tree ||
                symbol.DeclaringSyntaxReferences[0].GetSyntax(cancellation) is not VariableDeclaratorSyntax declarator ||
                declarator.Parent is not VariableDeclarationSyntax { Variables.Count: 1, Parent: LocalDeclarationStatementSyntax { Parent: BlockSyntax } or FieldDeclarationSyntax })
            {
                return null;
            }

            var value = declarator.Initializer?.Value;
            bool quiet = value is null ||
                (value is ObjectCreationExpressionSyntax or ImplicitObjectCreationExpressionSyntax or MemberAccessExpressionSyntax &&
                 !value.DescendantNodes().Any(n => n is InvocationExpressionSyntax or AssignmentExpressionSyntax or AnonymousFunctionExpressionSyntax));
            return quiet ? declarator : null;
        }

        /// <summary>No identifier with the variable's name is left in its scope (a same-named identifier anywhere keeps it).</summary>
        private static bool IsUnused(VariableDeclaratorSyntax declarator)
        {
            SyntaxNode? scope = declarator.Parent?.Parent is FieldDeclarationSyntax
                ? declarator.FirstAncestorOrSelf<TypeDeclarationSyntax>()
                : declarator.FirstAncestorOrSelf<BlockSyntax>();
            string name = declarator.Identifier.ValueText;
            return scope is not null &&
                !scope.DescendantNodes().OfType<IdentifierNameSyntax>().Any(n => n.Identifier.ValueText == name) &&
                !declarator.Parent!.Parent!.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia) || t.IsKind(SyntaxKind.MultiLineCommentTrivia));
        }
    }
}
