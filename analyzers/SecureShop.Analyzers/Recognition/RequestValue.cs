using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Where a string comes from the request: a parameter the model binder fills (an action, a page handler, a
    /// minimal-API lambda), a string member of such a bound model (<c>model.SortColumn</c>), a <c>[BindProperty]</c>,
    /// or <c>Request.Query/Form/Headers/Cookies/RouteValues[...]</c>; followed through locals, string calls
    /// (<c>Trim</c>, <c>ToLower</c>, ...) and every part of a concatenation, interpolation, <c>string.Format</c>,
    /// <c>string.Join</c> or a <c>StringBuilder</c>. A value of another type (an <c>int</c>) carries no text.
    /// </summary>
    internal sealed partial class RequestValue
    {
        private static readonly ImmutableHashSet<string> s_requestCollections = ImmutableHashSet.Create(
            StringComparer.Ordinal, "IQueryCollection", "IFormCollection", "IHeaderDictionary", "RouteValueDictionary", "IRequestCookieCollection");

        private static readonly ImmutableHashSet<string> s_stringPassThrough = ImmutableHashSet.Create(
            StringComparer.Ordinal, "ToString", "Trim", "TrimStart", "TrimEnd", "ToLower", "ToUpper", "ToLowerInvariant", "ToUpperInvariant", "Replace", "Substring", "PadLeft", "PadRight");

        private readonly INamedTypeSymbol? _controllerBase;
        private readonly INamedTypeSymbol? _pageModel;
        private readonly MethodSummaries _summaries;

        public RequestValue(Compilation compilation)
        {
            _summaries = MethodSummaries.For(compilation);
            _controllerBase = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
            _pageModel = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
        }

        /// <summary>The request data <paramref name="value"/> carries ("parameter 'sort'", "Request.Query"), or null.</summary>
        public string? SourceOf(IOperation value, IOperation root) => SourceOf(value, root, 0);

        /// <summary>A request value checked against a fixed list before use (<c>allowed.Contains(sort)</c>, a <c>switch</c> on it) is safe.</summary>
        public static bool IsAllowListed(ISymbol symbol, IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation { TargetMethod.Name: "Contains" or "ContainsKey" or "TryGetValue" } check when
                        check.Arguments.Length > 0 && Refers(check.Arguments[check.TargetMethod.IsExtensionMethod ? check.Arguments.Length - 1 : 0].Value, symbol):
                        return true;
                    case ISwitchOperation switchStatement when Refers(switchStatement.Value, symbol):
                        return true;
                    case ISwitchExpressionOperation switchExpression when Refers(switchExpression.Value, symbol):
                        return true;
                }
            }

            return false;
        }

        /// <summary><c>Request.Query["q"]</c> and the like: the name of the request collection an indexer reads, or null.</summary>
        public static string? RequestCollection(IPropertyReferenceOperation indexer) =>
            indexer is { Property.IsIndexer: true, Instance.Type: { } type } && s_requestCollections.Contains(type.Name)
                ? type.Name switch
                {
                    "IQueryCollection" => "Request.Query",
                    "IFormCollection" => "Request.Form",
                    "IHeaderDictionary" => "Request.Headers",
                    "IRequestCookieCollection" => "Request.Cookies",
                    _ => "route values",
                }
                : null;

        private static bool Refers(IOperation operation, ISymbol symbol) => operation.WithoutConversions() switch
        {
            IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, symbol),
            ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, symbol),
            IPropertyReferenceOperation pr => SymbolEqualityComparer.Default.Equals(pr.Property, symbol),
            _ => false,
        };

        private string? SourceOf(IOperation value, IOperation root, int depth)
        {
            if (depth > 6)
            {
                return null;
            }

            value = value.WithoutConversions();
            switch (value)
            {
                case IParameterReferenceOperation parameter when IsString(parameter.Type) && IsRequestBound(parameter.Parameter):
                    return IsAllowListed(parameter.Parameter, root) ? null : "parameter '" + parameter.Parameter.Name + "'";
                case IPropertyReferenceOperation { Instance: IParameterReferenceOperation model } member when
                    IsString(member.Type) && !member.Property.IsIndexer && IsRequestBound(model.Parameter) && !IsBindNever(member.Property):
                    return IsAllowListed(member.Property, root) ? null : "'" + model.Parameter.Name + "." + member.Property.Name + "' of the bound model";
                case IPropertyReferenceOperation indexer when RequestCollection(indexer) is { } collection:
                    return collection;
                case IPropertyReferenceOperation property when IsString(property.Type) && property.Property.HasAttributeNamed("BindPropertyAttribute"):
                    return IsAllowListed(property.Property, root) ? null : "bound property '" + property.Property.Name + "'";
                case IPropertyReferenceOperation boundMember when IsString(boundMember.Type) && BoundPropertyMember(boundMember) is { } boundSource:
                    return IsAllowListed(boundMember.Property, root) ? null : boundSource;
                case IInvocationOperation { TargetMethod.Name: "ToString", Instance: ILocalReferenceOperation builder } when builder.Type?.Name == "StringBuilder":
                    return BuilderSource(builder.Local, root, depth);
                case IInvocationOperation { Instance: { } target } call when s_stringPassThrough.Contains(call.TargetMethod.Name):
                    return SourceOf(target, root, depth + 1);
                case IInvocationOperation { TargetMethod.Name: "Concat" or "Format" or "Join" } call when call.TargetMethod.ContainingType.SpecialType == SpecialType.System_String:
                    return First(call.Arguments.Select(a => a.Value), root, depth);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                    return SourceOf(add.LeftOperand, root, depth + 1) ?? SourceOf(add.RightOperand, root, depth + 1);
                case IInterpolatedStringOperation interpolated:
                    return First(interpolated.Parts.OfType<IInterpolationOperation>().Select(p => p.Expression), root, depth);
                case ICoalesceOperation coalesce:
                    return SourceOf(coalesce.Value, root, depth + 1) ?? SourceOf(coalesce.WhenNull, root, depth + 1);
                case IConditionalOperation conditional:
                    return SourceOf(conditional.WhenTrue, root, depth + 1) ?? (conditional.WhenFalse is null ? null : SourceOf(conditional.WhenFalse, root, depth + 1));
                case ILocalReferenceOperation local when IsString(local.Type):
                    foreach (var assigned in AssignmentsTo(local.Local, root))
                    {
                        var found = SourceOf(assigned, root, depth + 1);
                        if (found is not null)
                        {
                            return IsAllowListed(local.Local, root) ? null : found;
                        }
                    }

                    return null;
                case IInvocationOperation call when IsString(call.Type) && MethodSummaries.CanFollow && _summaries.BodyOf(call.TargetMethod) is { } body:
                    return ThroughProjectMethod(call, body, root, depth);
                default:
                    return null;
            }
        }

        /// <summary>
        /// A call to the project's own method (<see cref="MethodSummaries"/>, at most <see cref="MethodSummaries.MaxCalls"/> deep): the
        /// request value of an argument it returns (<c>Normalize(search)</c>) unless it checks that parameter against a fixed list,
        /// or the request value it reads itself. The description names the method: "parameter 'q' (through 'Normalize')".
        /// </summary>
        private string? ThroughProjectMethod(IInvocationOperation call, MethodSummaries.Body body, IOperation root, int depth)
        {
            string through = " (through '" + call.TargetMethod.Name + "')";
            ulong passed = _summaries.ReturnedParameters(call.TargetMethod);
            for (int i = 0; passed != 0; i++, passed >>= 1)
            {
                if ((passed & 1) != 0 && i < body.Method.Parameters.Length && !IsAllowListed(body.Method.Parameters[i], body.Root) &&
                    MethodSummaries.Argument(call, i) is { } argument && SourceOf(argument, root, depth + 1) is { } found)
                {
                    return found + through;
                }
            }

            using (MethodSummaries.Follow())
            {
                foreach (var returned in body.Returned)
                {
                    if (SourceOf(returned, body.Root, depth + 1) is { } found)
                    {
                        return found + through;
                    }
                }
            }

            return null;
        }

        private string? First(IEnumerable<IOperation> values, IOperation root, int depth)
        {
            foreach (var value in values)
            {
                var found = SourceOf(value, root, depth + 1);
                if (found is not null)
                {
                    return found;
                }
            }

            return null;
        }

        /// <summary>What was appended to a StringBuilder local (<c>sb.Append(...)</c>, <c>AppendFormat</c>, <c>Insert</c>).</summary>
        private string? BuilderSource(ILocalSymbol builder, IOperation root, int depth)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is IInvocationOperation { Instance: { } instance } append &&
                    append.TargetMethod.Name is "Append" or "AppendLine" or "AppendFormat" or "Insert" &&
                    ChainRoot(instance) is ILocalReferenceOperation target &&
                    SymbolEqualityComparer.Default.Equals(target.Local, builder))
                {
                    var found = First(append.Arguments.Select(a => a.Value), root, depth);
                    if (found is not null)
                    {
                        return found;
                    }
                }
            }

            return null;
        }

        /// <summary><c>sb.Append(a).Append(b)</c>: the receiver the chain of calls starts from.</summary>
        private static IOperation ChainRoot(IOperation instance)
        {
            var current = instance.WithoutConversions();
            while (current is IInvocationOperation { Instance: { } inner })
            {
                current = inner.WithoutConversions();
            }

            return current;
        }

        /// <summary>The values a local is given in <paramref name="root"/>: its initializer and every assignment (<c>+=</c> gives its right side).</summary>
        internal static IEnumerable<IOperation> AssignmentsTo(ILocalSymbol local, IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local))
                {
                    var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                    if (initializer is not null)
                    {
                        yield return initializer.Value;
                    }
                }
                else if (operation is IAssignmentOperation { Target: ILocalReferenceOperation target } assignment && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    yield return assignment.Value; // `sql += filter` adds its right side; the start is the declaration
                }
            }
        }

        private static bool IsString(ITypeSymbol? type) => type?.SpecialType == SpecialType.System_String;

        /// <summary>Parameters the model binder fills from the request: of an action, a page handler, or a lambda (minimal-API handler).</summary>
        internal bool IsRequestBound(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol owner)
            {
                return false;
            }

            if (parameter.HasAttributeNamed("FromServicesAttribute"))
            {
                return false;
            }

            if (owner.MethodKind == MethodKind.AnonymousFunction)
            {
                return true;
            }

            return owner.IsControllerAction(_controllerBase) ||
                (_pageModel is not null && owner.ContainingType.InheritsFrom(_pageModel) && owner.Name.StartsWith("On", StringComparison.Ordinal));
        }
    }
}
