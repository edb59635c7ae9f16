using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>Where a value read from a local came from, one step back, when the code leaves no doubt about it.</summary>
    internal static class ValueOrigin
    {
        /// <summary>
        /// The initializer of the local that <paramref name="reference"/> reads, when nothing in its scope may give it another
        /// value (<see cref="Reassigns"/>; judged on names, so a same-named variable there counts too); null otherwise.
        /// </summary>
        public static IOperation? InitialValue(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            if (local.IsConst || local.IsRef || reference.SemanticModel is not SemanticModel model)
            {
                return null;
            }

            foreach (var declaration in local.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree != reference.Syntax.SyntaxTree ||
                    declaration.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: var value } declarator)
                {
                    continue;
                }

                var scope = declarator.Ancestors().FirstOrDefault(n =>
                    n is BlockSyntax or SwitchSectionSyntax or CompilationUnitSyntax or UsingStatementSyntax or ForStatementSyntax);
                return scope is null || Mentions(local.Name, scope, except: null, before: int.MaxValue).Any(Reassigns) ? null : model.GetOperation(value);
            }

            return null;
        }

        /// <summary>
        /// Each <c>name</c> or <c>this.name</c> in <paramref name="scope"/> that starts before <paramref name="before"/>, outside
        /// <paramref name="except"/>: where a variable, field or property of that name may be written (see <see cref="Reassigns"/>).
        /// </summary>
        public static IEnumerable<ExpressionSyntax> Mentions(string name, SyntaxNode scope, SyntaxNode? except, int before)
        {
            foreach (var node in scope.DescendantNodes())
            {
                if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != name || node.SpanStart >= before ||
                    (except is not null && except.Span.Contains(node.Span)))
                {
                    continue;
                }

                yield return node.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == node ? qualified : identifier;
            }
        }

        /// <summary>
        /// The mention is given a new value: the left of any assignment (<c>=</c>, <c>+=</c>, <c>??=</c>), a <c>ref</c>, <c>out</c>
        /// or <c>in</c> argument, the operand of <c>++</c>/<c>--</c>. The null-forgiving <c>x!</c> only reads <c>x</c>: what
        /// counts is what is done with <c>x!</c>.
        /// </summary>
        public static bool Reassigns(ExpressionSyntax mention) => mention.Parent switch
        {
            AssignmentExpressionSyntax assignment => assignment.Left == mention,
            ArgumentSyntax argument => !argument.RefKindKeyword.IsKind(SyntaxKind.None),
            PrefixUnaryExpressionSyntax prefix => prefix.IsKind(SyntaxKind.PreIncrementExpression) || prefix.IsKind(SyntaxKind.PreDecrementExpression),
            PostfixUnaryExpressionSyntax postfix when postfix.IsKind(SyntaxKind.SuppressNullableWarningExpression) => Reassigns(postfix),
            PostfixUnaryExpressionSyntax => true,
            _ => false,
        };
    }
}
