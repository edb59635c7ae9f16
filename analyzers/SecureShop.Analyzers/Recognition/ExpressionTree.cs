using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>Code that runs nowhere in the process: a lambda converted to <c>System.Linq.Expressions.Expression&lt;T&gt;</c> is data, translated by a query provider (EF Core turns it into SQL).</summary>
    internal static class ExpressionTree
    {
        /// <summary>True when <paramref name="operation"/> sits in a lambda that becomes an expression tree.</summary>
        public static bool Contains(IOperation operation)
        {
            var model = operation.SemanticModel;
            if (model is null)
            {
                return false;
            }

            for (var node = operation.Syntax; node is not null; node = node.Parent)
            {
                if (node is LambdaExpressionSyntax lambda &&
                    model.GetTypeInfo(lambda).ConvertedType is INamedTypeSymbol { Name: "Expression", Arity: 1 } type &&
                    type.ContainingNamespace?.ToDisplayString() == "System.Linq.Expressions")
                {
                    return true;
                }

                if (node is MemberDeclarationSyntax)
                {
                    return false;
                }
            }

            return false;
        }
    }
}
