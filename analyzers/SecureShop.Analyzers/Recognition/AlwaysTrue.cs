using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Does a callback say yes to everything? A lambda (<c>_ =&gt; true</c>), an anonymous method (<c>delegate { return true; }</c>),
    /// or a method or local function declared in source (followed from a method group, in any file), whose every
    /// <c>return</c> gives true: a literal, a constant the compiler folds, or an expression that is true whatever its other
    /// operand is (<c>errors == SslPolicyErrors.None || true</c>). Returns of functions nested in the body do not count.
    /// Judged on syntax, so a method in another file needs no semantic model.
    /// </summary>
    internal static class AlwaysTrue
    {
        /// <summary>The function behind a delegate value (a delegate creation, a lambda or a method reference) returns true on every path.</summary>
        public static bool Returns(IOperation? function, CancellationToken cancellationToken)
        {
            var body = BodyOf(function is IDelegateCreationOperation creation ? creation.Target : function, cancellationToken);
            return body is not null && Returns(body, function!.SemanticModel);
        }

        /// <summary>The expression body or block of a lambda, anonymous method, or source method or local function; null otherwise.</summary>
        public static SyntaxNode? BodyOf(IOperation? function, CancellationToken cancellationToken)
        {
            switch (function)
            {
                case IAnonymousFunctionOperation { Syntax: AnonymousFunctionExpressionSyntax syntax }:
                    return (SyntaxNode?)syntax.ExpressionBody ?? syntax.Block;
                case IMethodReferenceOperation reference:
                    foreach (var declaration in reference.Method.OriginalDefinition.DeclaringSyntaxReferences)
                    {
                        switch (declaration.GetSyntax(cancellationToken))
                        {
                            case MethodDeclarationSyntax method:
                                return (SyntaxNode?)method.ExpressionBody?.Expression ?? method.Body;
                            case LocalFunctionStatementSyntax local:
                                return (SyntaxNode?)local.ExpressionBody?.Expression ?? local.Body;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>Every <c>return</c> of the body gives true, and there is at least one (an expression body is its own return).</summary>
        public static bool Returns(SyntaxNode body, SemanticModel? model)
        {
            if (body is ExpressionSyntax expression)
            {
                return Is(expression, true, model);
            }

            bool any = false;
            foreach (var node in body.DescendantNodes(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ReturnStatementSyntax returned)
                {
                    if (returned.Expression is null || !Is(returned.Expression, true, model))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        /// <summary>
        /// The expression is the constant <paramref name="value"/>: a literal, a constant the compiler folds (when
        /// <paramref name="model"/> covers its tree), or <c>||</c>, <c>&amp;&amp;</c>, <c>!</c>, <c>?:</c> settled whatever their other operand.
        /// </summary>
        private static bool Is(ExpressionSyntax expression, bool value, SemanticModel? model)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            switch (expression)
            {
                case LiteralExpressionSyntax literal:
                    return literal.IsKind(value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.BitwiseOrExpression):
                    return value
                        ? Is(binary.Left, true, model) || Is(binary.Right, true, model)
                        : Is(binary.Left, false, model) && Is(binary.Right, false, model);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.BitwiseAndExpression):
                    return value
                        ? Is(binary.Left, true, model) && Is(binary.Right, true, model)
                        : Is(binary.Left, false, model) || Is(binary.Right, false, model);
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                    return Is(unary.Operand, !value, model);
                case ConditionalExpressionSyntax conditional:
                    return Is(conditional.WhenTrue, value, model) && Is(conditional.WhenFalse, value, model);
                default:
                    return model is not null && model.SyntaxTree == expression.SyntaxTree &&
                        model.GetConstantValue(expression) is { HasValue: true, Value: bool constant } && constant == value;
            }
        }
    }
}
