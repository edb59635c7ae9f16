using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// The request data a value <em>starts</em> with, for rules where only the beginning matters: an open redirect
    /// goes wherever the start of its URL says, so <c>"/orders/" + id</c> is safe and <c>returnUrl + "?x=1"</c> is not.
    /// Composite values (concatenation, interpolation, <c>string.Concat/Format</c>, locals) are read by their first
    /// part; the request values themselves are those <see cref="SourceOf(IOperation, IOperation)"/> knows, plus
    /// <c>Uri</c> parameters and <c>[FromQuery]/[FromForm]/[FromRoute]</c> properties.
    /// </summary>
    internal sealed partial class RequestValue
    {
        /// <summary>The request data the text of <paramref name="value"/> begins with ("parameter 'returnUrl'", "Request.Query"), or null.</summary>
        public string? StartOf(IOperation value, IOperation root) => StartOf(value, root, 0);

        private string? StartOf(IOperation value, IOperation root, int depth)
        {
            if (depth > 6)
            {
                return null;
            }

            value = value.WithoutConversions();
            switch (value)
            {
                case IParameterReferenceOperation parameter when MethodSummaries.CallsFollowed > 0 && !IsRequestBound(parameter.Parameter):
                    return ParameterMarker + parameter.Parameter.Ordinal; // a followed method's parameter: the caller's argument decides
                case IInvocationOperation call when IsString(call.Type) && MethodSummaries.CanFollow && _summaries.BodyOf(call.TargetMethod) is { } body:
                    return StartThroughProjectMethod(call, body, root, depth);
                case IParameterReferenceOperation parameter when parameter.Type?.Name == "Uri" && IsRequestBound(parameter.Parameter):
                    return IsAllowListed(parameter.Parameter, root) ? null : "parameter '" + parameter.Parameter.Name + "'";
                case IPropertyReferenceOperation property when !property.Property.IsIndexer && IsBoundProperty(property.Property) &&
                    (IsString(property.Type) || property.Type?.Name == "Uri"):
                    return IsAllowListed(property.Property, root) ? null : "bound property '" + property.Property.Name + "'";
                case IPropertyReferenceOperation { Instance: IParameterReferenceOperation model } when !IsUserModel(model.Parameter):
                    // ctx.RedirectUri of a cookie-events lambda, options.Value.Url: framework objects, not what the client posted.
                    return null;
                case IInvocationOperation { Instance: { } target } call when s_stringPassThrough.Contains(call.TargetMethod.Name):
                    return StartOf(target, root, depth + 1);
                case IInvocationOperation { TargetMethod.Name: "Concat" or "Format" } call when
                    call.TargetMethod.ContainingType.SpecialType == SpecialType.System_String && call.Arguments.Length > 0:
                    return StartOf(call.Arguments[0].Value, root, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                    return StartOf(add.LeftOperand, root, depth + 1);
                case IInterpolatedStringOperation interpolated:
                    return interpolated.Parts.FirstOrDefault() is IInterpolationOperation first ? StartOf(first.Expression, root, depth + 1) : null;
                case ICoalesceOperation coalesce:
                    return StartOf(coalesce.Value, root, depth + 1) ?? StartOf(coalesce.WhenNull, root, depth + 1);
                case IConditionalOperation conditional:
                    return StartOf(conditional.WhenTrue, root, depth + 1) ?? (conditional.WhenFalse is null ? null : StartOf(conditional.WhenFalse, root, depth + 1));
                case ILocalReferenceOperation local:
                    foreach (var operation in root.Descendants())
                    {
                        IOperation? assigned = operation switch
                        {
                            IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local) =>
                                (declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer)?.Value,
                            ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local.Local) =>
                                assignment.Value,
                            _ => null,
                        };
                        if (assigned is not null && StartOf(assigned, root, depth + 1) is { } found)
                        {
                            return IsAllowListed(local.Local, root) ? null : found;
                        }
                    }

                    return null;
                default:
                    return SourceOf(value, root, depth);
            }
        }

        /// <summary>What a followed method's value starts with when it starts with one of its parameters: this marker and the ordinal.</summary>
        private const string ParameterMarker = "\0parameter ";

        /// <summary>
        /// A URL made by the project's own method (<see cref="MethodSummaries"/>, at most <see cref="MethodSummaries.MaxCalls"/> calls
        /// deep) starts with request data the method reads itself, or with a parameter the caller gives request data; a method that
        /// checks its URL with <c>IsLocalUrl</c> is clean.
        /// </summary>
        private string? StartThroughProjectMethod(IInvocationOperation call, MethodSummaries.Body body, IOperation root, int depth)
        {
            if (body.Root.Descendants().Any(o => o is IInvocationOperation { TargetMethod.Name: "IsLocalUrl" }))
            {
                return null;
            }

            string through = " (through '" + call.TargetMethod.Name + "')";
            var ordinals = new System.Collections.Generic.List<int>();
            using (MethodSummaries.Follow())
            {
                foreach (var returned in body.Returned)
                {
                    var found = StartOf(returned, body.Root, depth + 1);
                    if (found is null)
                    {
                        continue;
                    }

                    if (!found.StartsWith(ParameterMarker, System.StringComparison.Ordinal))
                    {
                        return found + through;
                    }

                    if (int.TryParse(found.Substring(ParameterMarker.Length), out int ordinal))
                    {
                        ordinals.Add(ordinal);
                    }
                }
            }

            // The arguments are judged where they are written, in the caller (a marker again when the caller is itself followed).
            foreach (int ordinal in ordinals)
            {
                if (MethodSummaries.Argument(call, ordinal) is { } argument && StartOf(argument, root, depth + 1) is { } passed)
                {
                    return passed.StartsWith(ParameterMarker, System.StringComparison.Ordinal) ? passed : passed + through;
                }
            }

            return null;
        }

        /// <summary>
        /// A model parameter the binder fills from the client: of a type declared in the project, and, for a lambda, one that
        /// is an endpoint handler (<c>app.MapPost("/login", (LoginForm form) => ...)</c>).
        /// </summary>
        private static bool IsUserModel(IParameterSymbol parameter)
        {
            if (parameter.Type.Locations.All(l => !l.IsInSource))
            {
                return false;
            }

            if (parameter.ContainingSymbol is not IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda)
            {
                return true;
            }

            var syntax = lambda.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax();
            return syntax?.Parent?.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax
            {
                Expression: Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: var map },
            } && map.StartsWith("Map", System.StringComparison.Ordinal);
        }

        /// <summary>A controller or page property the model binder fills: <c>[BindProperty]</c>, <c>[FromQuery]</c>, <c>[FromForm]</c>, <c>[FromRoute]</c>.</summary>
        private static bool IsBoundProperty(IPropertySymbol property) =>
            property.HasAttributeNamed("BindPropertyAttribute") || property.HasAttributeNamed("FromQueryAttribute") ||
            property.HasAttributeNamed("FromFormAttribute") || property.HasAttributeNamed("FromRouteAttribute");

        /// <summary><c>Input.ReturnUrl</c> where <c>Input</c> is a <c>[BindProperty]</c> model: the binder fills its members too.</summary>
        private static string? BoundPropertyMember(IPropertyReferenceOperation member) =>
            !member.Property.IsIndexer && !IsBindNever(member.Property) &&
            member.Instance is IPropertyReferenceOperation { Property: { IsIndexer: false } model } && IsBoundProperty(model) &&
            model.Type.SpecialType == SpecialType.None
                ? "'" + model.Name + "." + member.Property.Name + "' of the bound model"
                : null;

        /// <summary>A member the model binder leaves alone: <c>[BindNever]</c> on it or on its class.</summary>
        private static bool IsBindNever(IPropertySymbol property) =>
            property.HasAttributeNamed("BindNeverAttribute") || property.ContainingType.HasAttributeNamed("BindNeverAttribute");
    }
}
