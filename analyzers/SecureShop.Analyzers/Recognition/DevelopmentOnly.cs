using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Is code reached only while the application runs in the Development environment? Settings that are
    /// acceptable on a developer's machine (plain-HTTP metadata, a loopback certificate bypass) are left alone there:
    /// the then-branch of <c>if (env.IsDevelopment())</c>, the else-branch of <c>if (!env.IsDevelopment())</c>, and the
    /// matching arms of <c>env.IsDevelopment() ? a : b</c>. Judged on syntax, so it costs no binding.
    /// </summary>
    internal static class DevelopmentOnly
    {
        public static bool Contains(IOperation operation) => Contains(operation.Syntax);

        public static bool Contains(SyntaxNode node)
        {
            SyntaxNode child = node;
            for (SyntaxNode? parent = node.Parent; parent is not null; child = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case IfStatementSyntax ifStatement when child == ifStatement.Statement:
                        if (Says(ifStatement.Condition) == true)
                        {
                            return true;
                        }

                        break;
                    case ElseClauseSyntax elseClause when elseClause.Parent is IfStatementSyntax owner:
                        if (Says(owner.Condition) == false)
                        {
                            return true;
                        }

                        break;
                    case ConditionalExpressionSyntax conditional when child == conditional.WhenTrue || child == conditional.WhenFalse:
                        var says = Says(conditional.Condition);
                        if (says is bool development && development == (child == conditional.WhenTrue))
                        {
                            return true;
                        }

                        break;
                    case MemberDeclarationSyntax:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// True when the condition holds only in Development (<c>env.IsDevelopment()</c>, <c>... &amp;&amp; IsDevelopment()</c>),
        /// false when it holds only outside it (<c>!env.IsDevelopment()</c>), null when it says neither.
        /// </summary>
        public static bool? Says(ExpressionSyntax condition)
        {
            condition = Unparenthesize(condition);
            switch (condition)
            {
                case PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not:
                    return Says(not.Operand) is bool inner ? !inner : null;
                case InvocationExpressionSyntax invocation:
                    return CalledName(invocation) == "IsDevelopment" ? true : null;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalAndExpression } and:
                    return Says(and.Left) == true || Says(and.Right) == true ? true : null;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalOrExpression } or:
                    return Says(or.Left) == false || Says(or.Right) == false ? false : null;
                case BinaryExpressionSyntax { RawKind: (int)SyntaxKind.EqualsExpression or (int)SyntaxKind.NotEqualsExpression } equality
                    when equality.Right.IsKind(SyntaxKind.TrueLiteralExpression) || equality.Right.IsKind(SyntaxKind.FalseLiteralExpression):
                    bool? left = Says(equality.Left);
                    bool positive = equality.Right.IsKind(SyntaxKind.TrueLiteralExpression) == equality.IsKind(SyntaxKind.EqualsExpression);
                    return left is bool l ? (positive ? l : !l) : null;
                default:
                    return null;
            }
        }

        private static ExpressionSyntax Unparenthesize(ExpressionSyntax expression)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            return expression;
        }

        private static string? CalledName(InvocationExpressionSyntax invocation) => invocation.Expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            IdentifierNameSyntax name => name.Identifier.ValueText,
            _ => null,
        };
    }
}
