using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// What one method does to an object it creates: the constructor (or factory) that made it, the properties it sets
    /// (object initializer and later <c>local.Property = value</c> statements), the methods it calls on it, and whether the
    /// object leaves the method (returned, stored, passed on), in which case someone else may configure it too.
    /// Rules use it to judge a client or builder as a whole: an <c>SmtpClient</c> sent without <c>EnableSsl</c>, a
    /// connection-string builder whose server is <c>localhost</c>.
    /// </summary>
    internal sealed class ObjectSetup
    {
        private ObjectSetup(IOperation? creation, bool escapes, ImmutableArray<ISimpleAssignmentOperation> assignments, ImmutableArray<IInvocationOperation> calls)
        {
            Creation = creation;
            Escapes = escapes;
            Assignments = assignments;
            Calls = calls;
        }

        /// <summary>The <see cref="IObjectCreationOperation"/> or factory <see cref="IInvocationOperation"/> that made the object, when known.</summary>
        public IOperation? Creation { get; }

        /// <summary>The object is not only a local of this method: a field, a parameter, returned, stored or passed to another method.</summary>
        public bool Escapes { get; }

        /// <summary><c>Property = value</c> in the object initializer and <c>local.Property = value</c> anywhere in the method.</summary>
        public ImmutableArray<ISimpleAssignmentOperation> Assignments { get; }

        /// <summary>Instance methods called on the object in this method.</summary>
        public ImmutableArray<IInvocationOperation> Calls { get; }

        /// <summary>The values assigned to property <paramref name="name"/>.</summary>
        public ImmutableArray<IOperation> ValuesOf(string name)
        {
            var values = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var assignment in Assignments)
            {
                if (assignment.Target is IPropertyReferenceOperation { Property.Name: var property } && property == name)
                {
                    values.Add(assignment.Value);
                }
            }

            return values.ToImmutable();
        }

        /// <summary>The constructor or factory argument for parameter <paramref name="name"/>, when given.</summary>
        public IOperation? Argument(string name)
        {
            var arguments = Creation switch
            {
                IObjectCreationOperation creation => creation.Arguments,
                IInvocationOperation invocation => invocation.Arguments,
                _ => ImmutableArray<IArgumentOperation>.Empty,
            };
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == name && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The setup of the object <paramref name="operation"/> stands for: a creation or factory call, a local, or the implicit
        /// receiver of an object initializer (<c>new SmtpClient(host) { EnableSsl = false }</c>).
        /// </summary>
        public static ObjectSetup Of(IOperation operation)
        {
            var value = operation.WithoutConversions();
            IOperation? creation = null;
            ILocalSymbol? local = null;
            switch (value)
            {
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    for (var parent = value.Parent; parent is not null && creation is null; parent = parent.Parent)
                    {
                        creation = parent as IObjectCreationOperation;
                    }

                    break;
                case ILocalReferenceOperation reference:
                    local = reference.Local;
                    break;
                case IObjectCreationOperation or IInvocationOperation:
                    creation = value;
                    break;
            }

            if (creation is null && local is null)
            {
                return new ObjectSetup(null, escapes: true, ImmutableArray<ISimpleAssignmentOperation>.Empty, ImmutableArray<IInvocationOperation>.Empty);
            }

            var assignments = ImmutableArray.CreateBuilder<ISimpleAssignmentOperation>();
            var calls = ImmutableArray.CreateBuilder<IInvocationOperation>();
            bool escapes = false;
            if (creation is not null && local is null)
            {
                var user = UserOf(creation);
                if (user is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator })
                {
                    local = declarator.Symbol;
                }
                else if (user is IInvocationOperation call && call.Instance?.WithoutConversions() == creation)
                {
                    calls.Add(call);
                }
                else if (user is not (IExpressionStatementOperation or IPropertyReferenceOperation))
                {
                    escapes = true;
                }
            }

            if (local is not null)
            {
                var root = operation;
                while (root.Parent is not null)
                {
                    root = root.Parent;
                }

                foreach (var descendant in root.Descendants())
                {
                    if (descendant is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                    {
                        var initial = declarator.Initializer?.Value.WithoutConversions();
                        if (creation is null && initial is IObjectCreationOperation or IInvocationOperation)
                        {
                            creation = initial;
                        }
                    }
                    else if (descendant is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    {
                        switch (reference.Parent)
                        {
                            case IPropertyReferenceOperation property when property.Instance == reference:
                                if (property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
                                {
                                    assignments.Add(assignment);
                                }

                                break;
                            case IInvocationOperation call when call.Instance == reference:
                                calls.Add(call);
                                break;
                            case IUsingOperation or IEventReferenceOperation:
                                break;
                            default:
                                escapes = true;
                                break;
                        }
                    }
                }
            }

            if (creation is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation } assignment)
                    {
                        assignments.Add(assignment);
                    }
                }
            }

            return new ObjectSetup(creation, escapes, assignments.ToImmutable(), calls.ToImmutable());
        }

        /// <summary>The operation that consumes the created object (past conversions such as a cast to <c>FtpWebRequest</c>).</summary>
        private static IOperation? UserOf(IOperation creation)
        {
            var parent = creation.Parent;
            while (parent is IConversionOperation or IParenthesizedOperation)
            {
                parent = parent.Parent;
            }

            return parent;
        }
    }
}
