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
        /// The initializer of the local that <paramref name="reference"/> reads, when the local is never assigned again
        /// (no <c>=</c>, compound assignment, <c>++</c>, <c>ref</c> or <c>out</c> in its scope); null otherwise.
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
                return scope is null || IsWrittenAgain(scope, local.Name) ? null : model.GetOperation(value);
            }

            return null;
        }

        private static bool IsWrittenAgain(SyntaxNode scope, string name)
        {
            foreach (var node in scope.DescendantNodes())
            {
                var written = node switch
                {
                    AssignmentExpressionSyntax assignment => assignment.Left,
                    ArgumentSyntax argument when !argument.RefKindKeyword.IsKind(SyntaxKind.None) => argument.Expression,
                    PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.PreIncrementExpression or (int)SyntaxKind.PreDecrementExpression } prefix => prefix.Operand,
                    PostfixUnaryExpressionSyntax postfix => postfix.Operand,
                    _ => null,
                };
                if (written is IdentifierNameSyntax identifier && identifier.Identifier.ValueText == name)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
