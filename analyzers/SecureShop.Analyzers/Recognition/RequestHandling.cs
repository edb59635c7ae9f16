using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Does a piece of code take in what a client sends? Judged on a whole method (or lambda): an MVC/API action or Razor Pages
    /// handler with parameters (model binding fills them from the request), a minimal-API handler (a lambda given to
    /// <c>MapGet</c>/<c>MapPost</c>/...), or a body that reads <c>Request.Cookies</c>, <c>Query</c>, <c>Form</c>,
    /// <c>Headers</c>, <c>RouteValues</c>, <c>QueryString</c> or <c>Body</c>. Coarse on purpose: a method that reads the
    /// request anywhere is taken to hand what it read to whatever it calls.
    /// </summary>
    internal static class RequestHandling
    {
        private static readonly ImmutableHashSet<string> s_requestMembers = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Cookies", "Query", "Form", "Headers", "RouteValues", "QueryString", "Body", "BodyReader", "ReadFormAsync");

        private static readonly ImmutableHashSet<string> s_endpointMaps = ImmutableHashSet.Create(
            StringComparer.Ordinal, "MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods", "Map", "MapFallback");

        /// <summary>True when the method or lambda that <paramref name="node"/> is in takes in request data (see the class summary).</summary>
        public static bool TakesRequestData(SyntaxNode node, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            for (var current = node; current is not null; current = current.Parent)
            {
                switch (current)
                {
                    case AnonymousFunctionExpressionSyntax lambda when IsEndpointHandler(lambda) || ReadsRequest(lambda, model, cancellationToken):
                        return true;
                    case BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax:
                        return (model.GetDeclaredSymbol(current, cancellationToken) is IMethodSymbol method && IsBoundHandler(method)) ||
                            ReadsRequest(current, model, cancellationToken);
                    case CompilationUnitSyntax or TypeDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        /// <summary>A public instance method with parameters on a controller or a Razor Pages model: model binding fills them.</summary>
        private static bool IsBoundHandler(IMethodSymbol method)
        {
            if (method.IsStatic || method.DeclaredAccessibility != Accessibility.Public || method.Parameters.Length == 0 ||
                method.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            for (var type = method.ContainingType; type is not null; type = type.BaseType)
            {
                if (type.Name is "ControllerBase" or "PageModel" && type.ContainingNamespace?.ToDisplayString().StartsWith("Microsoft.AspNetCore.Mvc", StringComparison.Ordinal) == true)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A lambda given to <c>MapGet</c>/<c>MapPost</c>/...: a minimal-API handler, whose parameters the request fills.</summary>
        internal static bool IsEndpointHandler(AnonymousFunctionExpressionSyntax lambda) =>
            lambda.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } &&
            invocation.Expression is MemberAccessExpressionSyntax member && s_endpointMaps.Contains(member.Name.Identifier.ValueText);

        /// <summary><c>Request.Cookies["..."]</c>, <c>HttpContext.Request.Query</c>, <c>request.Body</c>: a member of an <c>HttpRequest</c>.</summary>
        private static bool ReadsRequest(SyntaxNode body, SemanticModel model, System.Threading.CancellationToken cancellationToken)
        {
            foreach (var node in body.DescendantNodes())
            {
                if (node is MemberAccessExpressionSyntax access && s_requestMembers.Contains(access.Name.Identifier.ValueText) &&
                    model.GetTypeInfo(access.Expression, cancellationToken).Type is { Name: "HttpRequest" })
                {
                    return true;
                }
            }

            return false;
        }
    }
}
