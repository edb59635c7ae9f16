using System.Collections.Immutable;
using System.Threading;
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

        /// <summary><c>Property = value</c> in the object initializer and <c>local.Property = value</c> anywhere in the method, in source order.</summary>
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
        public IOperation? Argument(string name) => Creation switch
        {
            IObjectCreationOperation creation => creation.Arguments.ArgumentFor(name),
            IInvocationOperation invocation => invocation.Arguments.ArgumentFor(name),
            _ => null,
        };

        /// <summary>
        /// The setup of the object <paramref name="operation"/> stands for: a creation or factory call, a local, or the implicit
        /// receiver of an object initializer (<c>new SmtpClient(host) { EnableSsl = false }</c>). Where the object goes is
        /// <see cref="CreatedObject"/>'s answer, kept to locals: a creation stored anywhere else escapes.
        /// </summary>
        public static ObjectSetup Of(IOperation operation, CancellationToken cancellationToken)
        {
            var value = operation.WithoutConversions();
            IOperation? creation = null;
            ImmutableArray<IOperation> uses;
            switch (value)
            {
                case ILocalReferenceOperation reference:
                    var declared = CreatedObject.DeclaredValue(reference.Local, reference)?.WithoutConversions();
                    creation = declared is IObjectCreationOperation or IInvocationOperation ? declared : null;
                    uses = CreatedObject.References(reference.Local, reference);
                    break;
                case IInstanceReferenceOperation { ReferenceKind: InstanceReferenceKind.ImplicitReceiver }:
                    for (var parent = value.Parent; parent is not null && creation is null; parent = parent.Parent)
                    {
                        creation = parent as IObjectCreationOperation;
                    }

                    uses = creation is null ? default : UsesOf(creation, cancellationToken);
                    break;
                case IObjectCreationOperation or IInvocationOperation:
                    creation = value;
                    uses = UsesOf(creation, cancellationToken);
                    break;
                default:
                    uses = default;
                    break;
            }

            if (uses.IsDefault)
            {
                return new ObjectSetup(null, escapes: true, ImmutableArray<ISimpleAssignmentOperation>.Empty, ImmutableArray<IInvocationOperation>.Empty);
            }

            var assignments = ImmutableArray.CreateBuilder<ISimpleAssignmentOperation>();
            var calls = ImmutableArray.CreateBuilder<IInvocationOperation>();
            bool escapes = false;
            foreach (var use in uses)
            {
                if (use == creation)
                {
                    // Used in place: a call on it (new SmtpClient(host).Send(message)), a property read, or a statement of its own.
                    switch (CreatedObject.MemberUsedOn(use))
                    {
                        case IInvocationOperation call:
                            calls.Add(call);
                            break;
                        case null when CreatedObject.Consumer(use) is not IExpressionStatementOperation:
                            escapes = true;
                            break;
                    }

                    continue;
                }

                // A reference to the local, judged by what holds it directly: a cast hands the object on.
                switch (use.Parent)
                {
                    case IPropertyReferenceOperation property when property.Instance == use:
                        if (property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property)
                        {
                            assignments.Add(assignment);
                        }

                        break;
                    case IInvocationOperation call when call.Instance == use:
                        calls.Add(call);
                        break;
                    case IUsingOperation or IEventReferenceOperation:
                        break;
                    default:
                        escapes = true;
                        break;
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

            // Source order, the object initializer first: readers take the last value assigned as the one in force.
            var ordered = assignments.ToImmutable().Sort((a, b) => a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart));
            return new ObjectSetup(creation, escapes, ordered, calls.ToImmutable());
        }

        /// <summary>A creation kept in a local declared with it is used through the local's references; any other, in place.</summary>
        private static ImmutableArray<IOperation> UsesOf(IOperation creation, CancellationToken cancellationToken) =>
            CreatedObject.Consumer(creation) is IVariableInitializerOperation { Parent: IVariableDeclaratorOperation }
                ? CreatedObject.Uses(creation, cancellationToken)
                : ImmutableArray.Create(creation);
    }
}
