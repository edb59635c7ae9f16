using System;
using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// How one endpoint (an action, a page, a handler) is authorized, the way the shop's authors wrote it:
    /// <list type="bullet">
    /// <item>attributes: <c>[Authorize]</c> and anything implementing <c>IAuthorizeData</c>; a shop's own
    /// authorization filters used as attributes (<c>IAuthorizationFilter</c>/<c>IAsyncAuthorizationFilter</c>);
    /// <c>TypeFilterAttribute</c>/<c>ServiceFilterAttribute</c> wrapping such a filter, directly
    /// (<c>[TypeFilter(typeof(AdminOnlyFilter))]</c>) or through a subclass (<c>[AuthorizeAdmin]</c>); a filter
    /// attribute named for authorization or permissions (<c>[PermissionAuthorize("Orders")]</c>) whose filter
    /// lives in a referenced assembly;</item>
    /// <item>on the endpoint or on its type and every base type (<c>OrderController : BaseAdminController</c>);</item>
    /// <item>in code: a call that asks for authorization or a permission (<c>IAuthorizationService.AuthorizeAsync</c>,
    /// <c>permissionService.Authorize(...)</c>, <c>User.IsInRole</c>), a test of <c>IsAuthenticated</c>, or an
    /// early <c>Challenge()</c>/<c>Forbid()</c>/<c>Unauthorized()</c> (or a shop helper named so, or a redirect to
    /// the login page).</item>
    /// </list>
    /// One instance per compilation: attribute classes are judged once.
    /// </summary>
    internal sealed class EndpointAuthorization
    {
        private static readonly ImmutableHashSet<string> s_denyingResults = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "Challenge", "ChallengeAsync", "Forbid", "ForbidAsync", "Unauthorized", "AccessDenied", "AccessDeniedView",
            "AccessDeniedJson", "AccessDeniedPartialView", "InvokeHttp401", "InvokeHttp403",
            "ChallengeResult", "ForbidResult", "UnauthorizedResult", "UnauthorizedObjectResult", "UnauthorizedAccessException");

        private readonly INamedTypeSymbol _authorizeData;
        private readonly INamedTypeSymbol? _authorizationFilter;
        private readonly INamedTypeSymbol? _asyncAuthorizationFilter;
        private readonly INamedTypeSymbol? _filterMetadata;
        private readonly INamedTypeSymbol? _typeFilter;
        private readonly INamedTypeSymbol? _serviceFilter;
        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _attributeClasses = new(SymbolEqualityComparer.Default);

        private EndpointAuthorization(Compilation compilation, INamedTypeSymbol authorizeData)
        {
            _compilation = compilation;
            _authorizeData = authorizeData;
            _authorizationFilter = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.Filters.IAuthorizationFilter");
            _asyncAuthorizationFilter = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.Filters.IAsyncAuthorizationFilter");
            _filterMetadata = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.Filters.IFilterMetadata");
            _typeFilter = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.TypeFilterAttribute");
            _serviceFilter = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ServiceFilterAttribute");
        }

        public static EndpointAuthorization? For(Compilation compilation)
        {
            var authorizeData = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Authorization.IAuthorizeData");
            return authorizeData is null ? null : new EndpointAuthorization(compilation, authorizeData);
        }

        /// <summary>An authorization attribute on <paramref name="symbol"/> itself.</summary>
        public AttributeData? AttributeOn(ISymbol symbol)
        {
            foreach (var attribute in symbol.Attributes())
            {
                if (IsAuthorizationAttribute(attribute))
                {
                    return attribute;
                }
            }

            return null;
        }

        /// <summary>An authorization attribute on <paramref name="type"/> or any of its base types.</summary>
        public AttributeData? AttributeOnTypeChain(INamedTypeSymbol type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                var found = AttributeOn(t);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        public bool IsAuthorizationAttribute(AttributeData attribute)
        {
            var attributeClass = attribute.AttributeClass;
            if (attributeClass is null)
            {
                return false;
            }

            // [TypeFilter(typeof(X))] / [ServiceFilter(typeof(X))]: judged by X.
            if ((SymbolEqualityComparer.Default.Equals(attributeClass, _typeFilter) || SymbolEqualityComparer.Default.Equals(attributeClass, _serviceFilter)) &&
                attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is INamedTypeSymbol wrapped)
            {
                return IsAuthorizationFilter(wrapped);
            }

            return _attributeClasses.GetOrAdd(attributeClass, JudgeAttributeClass);
        }

        /// <summary>
        /// True when the body of <paramref name="method"/> authorizes in code: it asks for authorization or a
        /// permission, tests <c>IsAuthenticated</c>, or answers with a challenge/forbid/unauthorized result.
        /// A syntax look at the method's own body; nothing is bound.
        /// </summary>
        public static bool ChecksInCode(IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var node = reference.GetSyntax(cancellationToken);
                SyntaxNode? body = node switch
                {
                    BaseMethodDeclarationSyntax m => (SyntaxNode?)m.Body ?? m.ExpressionBody,
                    LocalFunctionStatementSyntax f => (SyntaxNode?)f.Body ?? f.ExpressionBody,
                    AnonymousFunctionExpressionSyntax lambda => lambda.Body,
                    _ => null,
                };
                if (body is not null && BodyChecks(body))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The same judgement for a lambda or a block given as syntax (minimal-API handlers).</summary>
        public static bool BodyChecks(SyntaxNode body)
        {
            foreach (var node in body.DescendantNodesAndSelf())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax invocation when IsAuthorizingCall(CalledName(invocation.Expression)):
                        return true;
                    case InvocationExpressionSyntax invocation when s_denyingResults.Contains(CalledName(invocation.Expression) ?? string.Empty):
                        return true;
                    case ObjectCreationExpressionSyntax creation when s_denyingResults.Contains(TypeName(creation.Type) ?? string.Empty):
                        return true;
                    case IdentifierNameSyntax { Identifier.ValueText: "IsAuthenticated" } tested when IsTested(tested):
                        return true;
                    case InvocationExpressionSyntax invocation when IsRedirectToSignIn(invocation):
                        return true;
                }
            }

            return false;
        }

        /// <summary>A value tested by an <c>if</c>, a conditional or a returned expression (not merely copied into a view model).</summary>
        private static bool IsTested(SyntaxNode node)
        {
            for (var current = node; current.Parent is { } parent; current = parent)
            {
                switch (parent)
                {
                    case IfStatementSyntax ifStatement:
                        return ifStatement.Condition == current;
                    case ConditionalExpressionSyntax conditional:
                        return conditional.Condition == current;
                    case ReturnStatementSyntax or ArrowExpressionClauseSyntax or SwitchStatementSyntax or SwitchExpressionSyntax:
                        return true;
                    case StatementSyntax or AssignmentExpressionSyntax or ArgumentSyntax or InitializerExpressionSyntax or LambdaExpressionSyntax:
                        return false;
                }
            }

            return false;
        }

        private bool JudgeAttributeClass(INamedTypeSymbol attributeClass)
        {
            if (attributeClass.AllInterfaces.Contains(_authorizeData, SymbolEqualityComparer.Default) ||
                SymbolEqualityComparer.Default.Equals(attributeClass, _authorizeData) ||
                IsAuthorizationFilter(attributeClass))
            {
                return true;
            }

            bool isFilterAttribute =
                (_filterMetadata is not null && attributeClass.AllInterfaces.Contains(_filterMetadata, SymbolEqualityComparer.Default)) ||
                (_typeFilter is not null && attributeClass.InheritsFrom(_typeFilter)) ||
                (_serviceFilter is not null && attributeClass.InheritsFrom(_serviceFilter));
            if (!isFilterAttribute)
            {
                return false;
            }

            // A TypeFilterAttribute subclass whose filter is visible in source: judged by that filter.
            if (WrappedFilterInSource(attributeClass) is { } wrapped)
            {
                return IsAuthorizationFilter(wrapped);
            }

            // A filter attribute whose filter is out of sight (a referenced assembly): its name tells.
            var words = NameWords.Split(attributeClass.Name);
            return words.Any(w => w.StartsWith("authoriz", StringComparison.OrdinalIgnoreCase) ||
                                  w.StartsWith("permission", StringComparison.OrdinalIgnoreCase));
        }

        private bool IsAuthorizationFilter(INamedTypeSymbol type) =>
            (_authorizationFilter is not null && type.AllInterfaces.Contains(_authorizationFilter, SymbolEqualityComparer.Default)) ||
            (_asyncAuthorizationFilter is not null && type.AllInterfaces.Contains(_asyncAuthorizationFilter, SymbolEqualityComparer.Default));

        /// <summary><c>public AuthorizeAdminAttribute() : base(typeof(AuthorizeAdminFilter))</c> -> AuthorizeAdminFilter, when declared in source.</summary>
        private INamedTypeSymbol? WrappedFilterInSource(INamedTypeSymbol attributeClass)
        {
            foreach (var constructor in attributeClass.InstanceConstructors)
            {
                foreach (var reference in constructor.DeclaringSyntaxReferences)
                {
                    if (reference.GetSyntax() is not ConstructorDeclarationSyntax { Initializer: { } initializer } ||
                        initializer.ArgumentList.Arguments.FirstOrDefault()?.Expression is not TypeOfExpressionSyntax typeOf)
                    {
                        continue;
                    }

                    string? name = TypeName(typeOf.Type);
                    if (name is null)
                    {
                        continue;
                    }

                    var nested = attributeClass.GetTypeMembers(name).FirstOrDefault();
                    if (nested is not null)
                    {
                        return nested;
                    }

                    var candidates = _compilation.GetSymbolsWithName(name, SymbolFilter.Type).OfType<INamedTypeSymbol>().ToList();
                    if (candidates.Count == 1)
                    {
                        return candidates[0];
                    }
                }
            }

            return null;
        }

        private static bool IsAuthorizingCall(string? name)
        {
            if (name is null)
            {
                return false;
            }

            if (name is "IsInRole" or "HasClaim" or "HasAccess" or "CanAccess" or "Access" or "IsGranted")
            {
                return true;
            }

            foreach (var word in NameWords.Split(name))
            {
                if (word.StartsWith("authoriz", StringComparison.OrdinalIgnoreCase) || word.StartsWith("permission", StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>LocalRedirect("~/Login?ReturnUrl=...")</c>, <c>RedirectToAction("Login", "Account")</c>, <c>RedirectToPage("/Account/Login")</c>.</summary>
        private static bool IsRedirectToSignIn(InvocationExpressionSyntax invocation)
        {
            string? name = CalledName(invocation.Expression);
            if (name is null || !name.StartsWith("Redirect", StringComparison.Ordinal) && !name.StartsWith("LocalRedirect", StringComparison.Ordinal))
            {
                return false;
            }

            foreach (var argument in invocation.ArgumentList.Arguments)
            {
                string text = argument.Expression switch
                {
                    LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => literal.Token.ValueText,
                    InterpolatedStringExpressionSyntax interpolated => string.Concat(interpolated.Contents.OfType<InterpolatedStringTextSyntax>().Select(t => t.TextToken.ValueText)),
                    _ => string.Empty,
                };
                if (text.IndexOf("login", StringComparison.OrdinalIgnoreCase) >= 0 || text.IndexOf("signin", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }

        private static string? CalledName(ExpressionSyntax expression) => expression switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        private static string? TypeName(TypeSyntax type) => type switch
        {
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
            GenericNameSyntax generic => generic.Identifier.ValueText,
            QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
            _ => null,
        };
    }
}
