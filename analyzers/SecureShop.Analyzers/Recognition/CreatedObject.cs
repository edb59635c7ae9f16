using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Where an object made by a creation (<c>MD5.Create()</c>, <c>new RijndaelManaged()</c>) is used, so a rule can report
    /// the creation once and still look at what is done with the object: the local it is stored in (<c>var</c>, <c>using var</c>,
    /// <c>using (var ...)</c>, a later assignment) and its references in the same body, or the field it initializes and the
    /// field's references in the same type declaration of the same file. Syntax and operations only: nothing outside the
    /// document being analysed is read. The one place that finds where an object or value made in a body goes:
    /// <see cref="ObjectSetup"/> and <see cref="DigestAsIdentifier"/> build on it.
    /// </summary>
    internal static class CreatedObject
    {
        /// <summary>
        /// The operations whose value is the object: each reference to the local or field it is stored in, or the creation
        /// itself when it is used in place (then its <see cref="Consumer"/> says how: a member call, an argument, a return...).
        /// </summary>
        public static ImmutableArray<IOperation> Uses(IOperation creation, CancellationToken cancellationToken)
        {
            var value = AsConsumed(creation);
            switch (value.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return LocalReferences(value, declarator.Symbol, exclude: null);
                case ISimpleAssignmentOperation assignment when assignment.Value == value && assignment.Target is ILocalReferenceOperation local:
                    return LocalReferences(value, local.Local, exclude: local);
                case ISimpleAssignmentOperation assignment when assignment.Value == value && assignment.Target is IFieldReferenceOperation field:
                    return FieldReferences(value, field.Field, cancellationToken);
                case IFieldInitializerOperation { InitializedFields.Length: 1 } initializer:
                    return FieldReferences(value, initializer.InitializedFields[0], cancellationToken);
                default:
                    return ImmutableArray.Create(creation);
            }
        }

        /// <summary>The operation that consumes <paramref name="use"/>'s value, above any conversions (a cast, an <c>as</c>, an implicit upcast).</summary>
        public static IOperation? Consumer(IOperation use) => AsConsumed(use).Parent;

        /// <summary>
        /// The member call or property access made on <paramref name="use"/> (<c>md5.ComputeHash(x)</c>, <c>rijndael.BlockSize</c>),
        /// or null when the object is used otherwise (passed, returned, stored).
        /// </summary>
        public static IOperation? MemberUsedOn(IOperation use)
        {
            var instance = AsConsumed(use);
            return instance.Parent switch
            {
                IInvocationOperation call when call.Instance == instance => call,
                IPropertyReferenceOperation property when property.Instance == instance => property,
                _ => null,
            };
        }

        /// <summary><paramref name="operation"/> with the conversions applied to it: the operation its consumer sees.</summary>
        public static IOperation AsConsumed(IOperation operation)
        {
            while (operation.Parent is IConversionOperation conversion)
            {
                operation = conversion;
            }

            return operation;
        }

        /// <summary>Every reference to <paramref name="local"/> in the body <paramref name="within"/> is in, reads and writes alike.</summary>
        public static ImmutableArray<IOperation> References(ILocalSymbol local, IOperation within) => LocalReferences(within, local, exclude: null);

        /// <summary>The value <paramref name="local"/> is declared with in the body <paramref name="within"/> is in (<c>var client = new SmtpClient(host)</c>), or null.</summary>
        public static IOperation? DeclaredValue(ILocalSymbol local, IOperation within)
        {
            foreach (var operation in within.Root().Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    return declarator.Initializer?.Value;
                }
            }

            return null;
        }

        private static ImmutableArray<IOperation> LocalReferences(IOperation from, ILocalSymbol local, IOperation? exclude)
        {
            var references = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var operation in from.Root().Descendants())
            {
                if (operation is ILocalReferenceOperation reference && reference != exclude &&
                    SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    references.Add(reference);
                }
            }

            return references.ToImmutable();
        }

        private static ImmutableArray<IOperation> FieldReferences(IOperation from, IFieldSymbol field, CancellationToken cancellationToken)
        {
            var model = from.SemanticModel;
            var tree = from.Syntax.SyntaxTree;
            if (model is null)
            {
                return ImmutableArray<IOperation>.Empty;
            }

            var references = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var declaration in field.ContainingType.DeclaringSyntaxReferences)
            {
                if (declaration.SyntaxTree != tree)
                {
                    continue;
                }

                foreach (var node in declaration.GetSyntax(cancellationToken).DescendantNodes())
                {
                    if (node is not IdentifierNameSyntax identifier || identifier.Identifier.ValueText != field.Name)
                    {
                        continue;
                    }

                    SyntaxNode bound = identifier.Parent is MemberAccessExpressionSyntax member && member.Name == identifier ? member : identifier;
                    if (model.GetOperation(bound, cancellationToken) is IFieldReferenceOperation reference &&
                        SymbolEqualityComparer.Default.Equals(reference.Field, field) &&
                        !(reference.Parent is ISimpleAssignmentOperation assignment && assignment.Target == reference && assignment.Syntax.Span.Contains(from.Syntax.Span)))
                    {
                        references.Add(reference);
                    }
                }
            }

            return references.ToImmutable();
        }
    }
}
