using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Whether an endpoint convention (<c>RequireAuthorization</c>, <c>RequireRateLimiting</c>) applies to a minimal-API
    /// endpoint: chained after the endpoint itself, on the route group it is mapped on (a <c>MapGroup</c> chain, a local
    /// holding one, a later <c>group.RequireX()</c> statement), or by every caller of the shop's own mapping method that
    /// hands the group in or gets the endpoint back. One instance per compilation and convention: the calls of a mapping
    /// method are searched once.
    /// </summary>
    internal sealed class EndpointGroups
    {
        private readonly string _convention;
        private readonly ConcurrentDictionary<IMethodSymbol, List<(InvocationExpressionSyntax Call, SemanticModel Model)>> _callsOfMapper =
            new(SymbolEqualityComparer.Default);

        /// <param name="convention">The name of the convention method: "RequireAuthorization", "RequireRateLimiting".</param>
        public EndpointGroups(string convention) => _convention = convention;

        /// <summary>The names of the calls chained after an endpoint: <c>app.MapGet(...).WithName("x").RequireAuthorization()</c>.</summary>
        public static ImmutableHashSet<string> ChainAfter(ExpressionSyntax expression)
        {
            var names = ImmutableHashSet.CreateBuilder<string>(StringComparer.Ordinal);
            SyntaxNode current = expression;
            while (current.Parent is MemberAccessExpressionSyntax member && member.Expression == current && member.Parent is InvocationExpressionSyntax next)
            {
                names.Add(member.Name.Identifier.ValueText);
                current = next;
            }

            return names.ToImmutable();
        }

        /// <summary>
        /// The route group an endpoint is mapped on: a <c>MapGroup("/orders")</c> chain, or a local holding one,
        /// and whether it requires authorization (in its chain, or by a later <c>group.RequireAuthorization()</c>).
        /// </summary>
        public (string? Prefix, bool Covered, ImmutableArray<ISymbol> Roots) GroupOf(ExpressionSyntax receiver, SemanticModel model, CancellationToken cancellationToken)
        {
            bool requires = false;
            string? prefix = null;
            var roots = ImmutableArray.CreateBuilder<ISymbol>();
            ExpressionSyntax? current = receiver;
            for (int depth = 0; current is not null && depth < 8; depth++)
            {
                switch (current)
                {
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call:
                        string name = member.Name.Identifier.ValueText;
                        if (name == _convention)
                        {
                            requires = true;
                        }
                        else if (name == "MapGroup" && call.ArgumentList.Arguments.Count > 0 &&
                                 model.GetConstantValue(call.ArgumentList.Arguments[0].Expression, cancellationToken).Value is string groupPrefix)
                        {
                            prefix = prefix is null ? groupPrefix : groupPrefix.TrimEnd('/') + "/" + prefix.TrimStart('/');
                        }

                        current = member.Expression;
                        break;
                    case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier, cancellationToken).Symbol is ILocalSymbol local:
                        var declarator = local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) as VariableDeclaratorSyntax;
                        if (declarator is not null && LocalLaterApplies(declarator, local.Name))
                        {
                            requires = true;
                        }

                        roots.Add(local);
                        current = declarator?.Initializer?.Value;
                        break;
                    case IdentifierNameSyntax identifier when model.GetSymbolInfo(identifier, cancellationToken).Symbol is IParameterSymbol parameter:
                        roots.Add(parameter);
                        current = null;
                        break;
                    default:
                        current = null;
                        break;
                }
            }

            return (prefix, requires, roots.ToImmutable());
        }

        /// <summary>
        /// Endpoints mapped in a method of the shop's own, on a group or builder the method returns to its caller
        /// (<c>app.MapOrdersApi().RequireAuthorization()</c>) or receives from it (<c>api.MapOrders()</c> where
        /// <c>api</c> requires authorization): authorized when every call of that method in the compilation
        /// authorizes, and out of sight (so not reported) when the method is called from nowhere the rule can see.
        /// </summary>
        public bool CoveredByCaller(InvocationExpressionSyntax map, ImmutableArray<ISymbol> roots, SemanticModel model, CancellationToken cancellationToken)
        {
            var declaration = map.FirstAncestorOrSelf<BaseMethodDeclarationSyntax>();
            if (declaration is null || model.GetDeclaredSymbol(declaration, cancellationToken) is not IMethodSymbol mapper || mapper.MethodKind != MethodKind.Ordinary)
            {
                return false;
            }

            bool returned = !mapper.ReturnsVoid && ReturnsRoot(declaration, roots, map, model, cancellationToken);
            // Only a group or route builder can carry its caller's authorization; a WebApplication (or its builder) is the app itself.
            var parameter = roots.OfType<IParameterSymbol>().FirstOrDefault(p =>
                SymbolEqualityComparer.Default.Equals(p.ContainingSymbol, mapper) && p.Type.Name is "RouteGroupBuilder" or "IEndpointRouteBuilder");
            bool received = parameter is not null;
            if (!returned && !received)
            {
                return false;
            }

            // Every endpoint a mapping method maps asks about the same calls: the compilation is searched once per method.
            var calls = _callsOfMapper.GetOrAdd(mapper.OriginalDefinition, m => CallsOf(m, model.Compilation, cancellationToken));
            if (calls.Count == 0)
            {
                return true; // called from another project (or a framework convention): the authorization is out of sight
            }

            foreach (var (call, callModel) in calls)
            {
                bool authorized = returned && ChainAfter(call).Contains(_convention);
                if (!authorized && received)
                {
                    var argument = ReceiverArgument(call, parameter!, callModel, cancellationToken);
                    authorized = argument is not null && GroupOf(argument, callModel, cancellationToken).Covered;
                }

                if (!authorized)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>return group;</c> (the local or parameter the endpoint was mapped on), or the endpoint's own chain returned.</summary>
        private static bool ReturnsRoot(BaseMethodDeclarationSyntax declaration, ImmutableArray<ISymbol> roots, InvocationExpressionSyntax map, SemanticModel model, CancellationToken cancellationToken)
        {
            var returns = declaration.DescendantNodes().OfType<ReturnStatementSyntax>().Select(r => r.Expression)
                .Concat(declaration.ExpressionBody is null ? Enumerable.Empty<ExpressionSyntax>() : new[] { declaration.ExpressionBody.Expression })
                .OfType<ExpressionSyntax>();
            foreach (var returned in returns)
            {
                if (returned.DescendantNodesAndSelf().Contains(map))
                {
                    return true;
                }

                if (returned is IdentifierNameSyntax identifier &&
                    roots.Contains(model.GetSymbolInfo(identifier, cancellationToken).Symbol!, SymbolEqualityComparer.Default))
                {
                    return true;
                }
            }

            return false;
        }

        private static List<(InvocationExpressionSyntax Call, SemanticModel Model)> CallsOf(IMethodSymbol mapper, Compilation compilation, CancellationToken cancellationToken) =>
            SymbolFacts.CallsNamed(compilation, mapper.Name, target => SymbolEqualityComparer.Default.Equals(target.ReducedFrom ?? target.OriginalDefinition, mapper.OriginalDefinition), cancellationToken)
                .Select(c => (c.Call, c.Model))
                .ToList();

        /// <summary>The expression a call passes for <paramref name="parameter"/>: the receiver of an extension call, or the argument.</summary>
        private static ExpressionSyntax? ReceiverArgument(InvocationExpressionSyntax call, IParameterSymbol parameter, SemanticModel model, CancellationToken cancellationToken)
        {
            var method = parameter.ContainingSymbol as IMethodSymbol;
            if (method is not null && method.IsExtensionMethod && parameter.Ordinal == 0 && call.Expression is MemberAccessExpressionSyntax member &&
                model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol { ReducedFrom: not null })
            {
                return member.Expression;
            }

            int ordinal = method is not null && method.IsExtensionMethod && call.Expression is MemberAccessExpressionSyntax ? parameter.Ordinal - 1 : parameter.Ordinal;
            var named = call.ArgumentList.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == parameter.Name);
            if (named is not null)
            {
                return named.Expression;
            }

            return ordinal >= 0 && ordinal < call.ArgumentList.Arguments.Count ? call.ArgumentList.Arguments[ordinal].Expression : null;
        }

        /// <summary><c>group.RequireAuthorization();</c> as a statement of its own in the block that declares <c>group</c>.</summary>
        private bool LocalLaterApplies(VariableDeclaratorSyntax declarator, string localName)
        {
            var scope = declarator.FirstAncestorOrSelf<SyntaxNode>(n => n is BlockSyntax || n is CompilationUnitSyntax);
            return scope is not null && scope.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i =>
                i.Expression is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target } member &&
                member.Name.Identifier.ValueText == _convention && target.Identifier.ValueText == localName);
        }
    }
}
