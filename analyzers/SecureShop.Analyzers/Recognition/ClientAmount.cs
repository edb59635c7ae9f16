using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Is a number a price, total or discount that the client sent? Its source is a request value whose name says so
    /// (price, amount, total, subtotal, discount, cost, fee, shipping): a parameter of an action, page handler or
    /// minimal-API handler; a member of a bound model, however deep (<c>model.Total</c>, <c>cart.Items[i].Price</c>, the
    /// element of a bound list in a <c>foreach</c> or a LINQ selector); a <c>[BindProperty]</c> member;
    /// <c>Request.Form["amount"]</c>. It is followed, inside one method, through locals (loop sums included), arithmetic,
    /// <c>Math.Round</c>-style calls, casts, <c>decimal.Parse</c>/<c>TryParse</c> and <c>Convert.ToInt64</c>.
    /// Not a client amount: a value the method overwrites with a server-side one before use, and a value compared with a
    /// server-side one (<c>if (model.Total != cart.Total) return BadRequest();</c>), which is how a shop validates it.
    /// A price read from the database, a catalog service or a loaded order has no request source and is never one.
    /// </summary>
    internal sealed class ClientAmount
    {
        private const int MaxDepth = 10;

        private static readonly ImmutableHashSet<string> s_amountWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "price", "prices", "amount", "amounts", "total", "totals", "subtotal", "discount", "cost", "fee", "fees", "shipping", "surcharge");

        /// <summary>Words that make a price-like name something else: a count, an id, a page of results, a currency code, an amount the customer picks.</summary>
        private static readonly ImmutableHashSet<string> s_notAmountWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "id", "ids", "count", "quantity", "qty", "page", "pages", "items", "weight", "currency", "code", "name", "type",
            "method", "methods", "date", "days", "address", "description", "text", "format", "formatted", "url", "enabled", "visible", "display", "mode",
            // amounts the customer chooses on purpose: a tip, a donation, a wallet top-up or deposit
            "tip", "tips", "gratuity", "donation", "donations", "deposit", "topup", "contribution", "pledge");

        private static readonly ImmutableHashSet<string> s_numericParsers = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Parse", "TryParse", "ToDecimal", "ToInt64", "ToInt32", "ToDouble", "ToSingle");

        private static readonly ImmutableHashSet<string> s_rounding = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Round", "Ceiling", "Floor", "Truncate", "Abs", "Max", "Min", "Multiply", "Add", "Subtract", "Divide", "ToInt64", "ToInt32", "ToDouble", "GetValueOrDefault");

        private static readonly ImmutableHashSet<string> s_elementOf = ImmutableHashSet.Create(
            StringComparer.Ordinal, "First", "FirstOrDefault", "Single", "SingleOrDefault", "Last", "LastOrDefault", "ElementAt", "ElementAtOrDefault", "ToList", "ToArray", "AsEnumerable", "Where", "OrderBy", "Skip", "Take");

        private static readonly ImmutableHashSet<string> s_aggregates = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Sum", "Select", "SelectMany", "Aggregate", "Max", "Min", "Average");

        /// <summary>Endpoint parameters of these kinds are services the framework injects, not what the client posts.</summary>
        private static readonly string[] s_serviceSuffixes = { "Service", "Repository", "Context", "Client", "Manager", "Provider", "Factory", "Calculator", "Gateway", "Processor" };

        private readonly RequestValue _requests;

        public ClientAmount(Compilation compilation)
        {
            _requests = new RequestValue(compilation);
        }

        /// <summary>True when <paramref name="name"/>, split into words, names a price, total, discount or fee.</summary>
        public static bool IsAmountName(string name)
        {
            var words = NameWords.Split(name);
            return NameWords.AnyIn(words, s_amountWords) && !NameWords.AnyIn(words, s_notAmountWords);
        }

        /// <summary>
        /// The client-sent amount <paramref name="value"/> carries, as a message names it ("'model.Total' of the request",
        /// "request parameter 'amount'"), or null when it is computed on the server or checked against a server value.
        /// <paramref name="root"/> is the body the value is in: recognition stays inside one method.
        /// </summary>
        public string? SourceOf(IOperation value, IOperation root) => SourceOf(value, root, 0);

        private string? SourceOf(IOperation value, IOperation root, int depth)
        {
            if (depth > MaxDepth)
            {
                return null;
            }

            value = value.WithoutConversions();
            switch (value)
            {
                case IParameterReferenceOperation parameter when IsAmountName(parameter.Parameter.Name) && IsEndpointParameter(parameter.Parameter):
                    return Trusted(parameter.Parameter, root, depth) ? null : "request parameter '" + parameter.Parameter.Name + "'";
                case IPropertyReferenceOperation { Property.Name: "Value", Instance: { } inner } when inner.Type?.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T:
                    return SourceOf(inner, root, depth + 1);
                case IPropertyReferenceOperation indexer when RequestValue.RequestCollection(indexer) is { } collection:
                    return indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue.Value is string key && IsAmountName(key)
                        ? collection + "[\"" + key + "\"]"
                        : null;
                case IPropertyReferenceOperation member when !member.Property.IsStatic && !member.Property.IsIndexer && IsAmountName(member.Property.Name):
                    return MemberSource(member, root, depth);
                case IInvocationOperation call:
                    return CallSource(call, root, depth);
                case IBinaryOperation binary when IsArithmetic(binary.OperatorKind):
                    return SourceOf(binary.LeftOperand, root, depth + 1) ?? SourceOf(binary.RightOperand, root, depth + 1);
                case IUnaryOperation unary:
                    return SourceOf(unary.Operand, root, depth + 1);
                case ICoalesceOperation coalesce:
                    return SourceOf(coalesce.Value, root, depth + 1) ?? SourceOf(coalesce.WhenNull, root, depth + 1);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional:
                    return SourceOf(conditional.WhenTrue, root, depth + 1) ?? SourceOf(whenFalse, root, depth + 1);
                case ILocalReferenceOperation local:
                    foreach (var assigned in ValuesOf(local.Local, root))
                    {
                        var found = SourceOf(assigned, root, depth + 1);
                        if (found is not null)
                        {
                            return Compared(local.Local, root, depth) ? null : found;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private string? MemberSource(IPropertyReferenceOperation member, IOperation root, int depth)
        {
            bool bound = member.Instance is IInstanceReferenceOperation
                ? IsBoundProperty(member.Property)
                : FromRequest(member.Instance, root, depth + 1);
            if (!bound || Trusted(member.Property, root, depth))
            {
                return null;
            }

            return member.Instance is IInstanceReferenceOperation
                ? "bound property '" + member.Property.Name + "'"
                : "'" + Describe(member) + "' of the request";
        }

        private string? CallSource(IInvocationOperation call, IOperation root, int depth)
        {
            var method = call.TargetMethod;
            if (s_numericParsers.Contains(method.Name) && method.ContainingType is { } parser &&
                (parser.SpecialType != SpecialType.None || parser.Name == "Convert"))
            {
                return call.Arguments.Length > 0 ? SourceOf(call.Arguments[0].Value, root, depth + 1) : null;
            }

            if (s_rounding.Contains(method.Name) && method.ContainingType is { } math &&
                (math.Name == "Math" || math.SpecialType != SpecialType.None || math.OriginalDefinition.SpecialType == SpecialType.System_Nullable_T))
            {
                return call.Instance is not null
                    ? SourceOf(call.Instance, root, depth + 1)
                    : First(call.Arguments.Select(a => a.Value), root, depth);
            }

            if (s_aggregates.Contains(method.Name))
            {
                var lambdas = call.Arguments.Select(a => Lambda(a.Value)).Where(l => l is not null).ToList();
                if (lambdas.Count == 0)
                {
                    var source = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                    return source is null ? null : SourceOf(source, root, depth + 1);
                }

                foreach (var lambda in lambdas)
                {
                    foreach (var returned in lambda!.Body.Descendants().OfType<IReturnOperation>())
                    {
                        var found = returned.ReturnedValue is null ? null : SourceOf(returned.ReturnedValue, root, depth + 1);
                        if (found is not null)
                        {
                            return found;
                        }
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

        /// <summary>
        /// The object a member is read from comes from the request: a bound parameter, a <c>[BindProperty]</c>, a member or an
        /// element of one, the variable of a <c>foreach</c> over one, or the parameter of a LINQ lambda over one.
        /// </summary>
        private bool FromRequest(IOperation? instance, IOperation root, int depth)
        {
            for (; instance is not null && depth <= MaxDepth; depth++)
            {
                instance = instance.WithoutConversions();
                switch (instance)
                {
                    case IParameterReferenceOperation { Parameter.ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda } parameter
                        when !IsEndpointParameter(parameter.Parameter):
                        instance = LambdaReceiver(lambda, root);
                        break;
                    case IParameterReferenceOperation parameter:
                        return IsEndpointParameter(parameter.Parameter);
                    case IPropertyReferenceOperation { Instance: IInstanceReferenceOperation } property:
                        return IsBoundProperty(property.Property);
                    case IPropertyReferenceOperation property when RequestValue.RequestCollection(property) is null:
                        instance = property.Instance;
                        break;
                    case IArrayElementReferenceOperation element:
                        instance = element.ArrayReference;
                        break;
                    case IInvocationOperation call when s_elementOf.Contains(call.TargetMethod.Name):
                        instance = call.Instance ?? (call.Arguments.Length > 0 ? call.Arguments[0].Value : null);
                        break;
                    case ILocalReferenceOperation local:
                        return ValuesOf(local.Local, root).Any(v => FromRequest(v, root, depth + 1));
                    default:
                        return false;
                }
            }

            return false;
        }

        /// <summary><c>lines.Sum(l =&gt; ...)</c>: the collection the lambda's parameter walks, or null.</summary>
        private static IOperation? LambdaReceiver(IMethodSymbol lambda, IOperation root)
        {
            foreach (var function in root.Descendants().OfType<IAnonymousFunctionOperation>())
            {
                if (!SymbolEqualityComparer.Default.Equals(function.Symbol, lambda))
                {
                    continue;
                }

                var argument = function.Parent is IDelegateCreationOperation creation ? creation.Parent : function.Parent;
                if (argument is IArgumentOperation { Parent: IInvocationOperation call } && s_aggregates.Contains(call.TargetMethod.Name) || argument is IArgumentOperation { Parent: IInvocationOperation { TargetMethod.Name: "ForEach" or "Where" or "Any" or "All" } })
                {
                    var invocation = (IInvocationOperation)argument.Parent!;
                    return invocation.Instance ?? (invocation.Arguments.Length > 0 && invocation.Arguments[0] != argument ? invocation.Arguments[0].Value : null);
                }

                return null;
            }

            return null;
        }

        private static IAnonymousFunctionOperation? Lambda(IOperation value) => value.WithoutConversions() switch
        {
            IDelegateCreationOperation { Target: IAnonymousFunctionOperation lambda } => lambda,
            IAnonymousFunctionOperation lambda => lambda,
            _ => null,
        };

        /// <summary>What a local is given: its initializer, assignments (<c>sum += ...</c>), the collection of a <c>foreach</c> it walks, the text a <c>TryParse</c> reads into it.</summary>
        private static IEnumerable<IOperation> ValuesOf(ILocalSymbol local, IOperation root)
        {
            foreach (var assigned in RequestValue.AssignmentsTo(local, root))
            {
                yield return assigned;
            }

            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation declarator } loop when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        yield return loop.Collection;
                        break;
                    case IArgumentOperation { Parameter.RefKind: RefKind.Out, Parent: IInvocationOperation { TargetMethod.Name: "TryParse" } parse } argument when
                        argument.Value is IDeclarationExpressionOperation { Expression: ILocalReferenceOperation declared } && SymbolEqualityComparer.Default.Equals(declared.Local, local) ||
                        argument.Value is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                        if (parse.Arguments.Length > 0 && parse.Arguments[0] != argument)
                        {
                            yield return parse.Arguments[0].Value;
                        }

                        break;
                }
            }
        }

        /// <summary>The method gives the request value a server-side value before use, or compares it with one.</summary>
        private bool Trusted(ISymbol symbol, IOperation root, int depth) => Overwritten(symbol, root, depth) || Compared(symbol, root, depth);

        /// <summary><c>model.Total = cart.Recalculate();</c> or <c>amount = await catalog.PriceOf(id);</c>: the client's value is replaced.</summary>
        private bool Overwritten(ISymbol symbol, IOperation root, int depth)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is ISimpleAssignmentOperation assignment && Refers(assignment.Target, symbol) &&
                    assignment.Value.WithoutConversions().ConstantValue.HasValue == false &&
                    SourceOf(assignment.Value, root, depth + 3) is null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The value is compared with something that is neither a constant nor itself sent by the client:
        /// <c>model.Total != serverTotal</c>, <c>Math.Abs(model.Total - cart.Total) &gt; 0.01m</c>, <c>amount.Equals(expected)</c>.
        /// A shop that checks the posted amount against its own before charging has validated it.
        /// </summary>
        private bool Compared(ISymbol symbol, IOperation root, int depth)
        {
            foreach (var operation in root.Descendants())
            {
                IOperation? left = null, right = null;
                switch (operation)
                {
                    case IBinaryOperation binary when IsComparison(binary.OperatorKind):
                        (left, right) = Sides(binary.LeftOperand, binary.RightOperand);
                        break;
                    case IInvocationOperation { TargetMethod.Name: "Equals" or "Compare" } call:
                        var operands = (call.Instance is null ? Enumerable.Empty<IOperation>() : new[] { call.Instance }).Concat(call.Arguments.Select(a => a.Value)).ToList();
                        if (operands.Count == 2)
                        {
                            (left, right) = (operands[0], operands[1]);
                        }

                        break;
                }

                if (left is null || right is null)
                {
                    continue;
                }

                if ((Mentions(left, symbol) && IsServerSide(right, root, depth)) || (Mentions(right, symbol) && IsServerSide(left, root, depth)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary><c>Math.Abs(a - b) &gt; 0.01m</c> and <c>a - b != 0</c> compare <c>a</c> with <c>b</c>.</summary>
        private static (IOperation Left, IOperation Right) Sides(IOperation left, IOperation right)
        {
            foreach (var (side, other) in new[] { (left, right), (right, left) })
            {
                if (!other.WithoutConversions().ConstantValue.HasValue)
                {
                    continue;
                }

                var difference = side.WithoutConversions();
                if (difference is IInvocationOperation { TargetMethod.Name: "Abs", Arguments.Length: 1 } abs)
                {
                    difference = abs.Arguments[0].Value.WithoutConversions();
                }

                if (difference is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } subtract)
                {
                    return (subtract.LeftOperand, subtract.RightOperand);
                }
            }

            return (left, right);
        }

        private bool IsServerSide(IOperation operation, IOperation root, int depth) =>
            !operation.WithoutConversions().ConstantValue.HasValue && SourceOf(operation, root, depth + 3) is null;

        private static bool Mentions(IOperation operation, ISymbol symbol) => operation.DescendantsAndSelf().Any(o => Refers(o, symbol));

        private static bool Refers(IOperation operation, ISymbol symbol) => operation switch
        {
            IParameterReferenceOperation p => SymbolEqualityComparer.Default.Equals(p.Parameter, symbol),
            ILocalReferenceOperation l => SymbolEqualityComparer.Default.Equals(l.Local, symbol),
            IPropertyReferenceOperation pr => SymbolEqualityComparer.Default.Equals(pr.Property, symbol),
            _ => false,
        };

        /// <summary>A parameter the client fills: of an action or page handler (through <see cref="RequestValue"/>) or of a minimal-API lambda; not a service.</summary>
        private bool IsEndpointParameter(IParameterSymbol parameter)
        {
            if (parameter.HasAttributeNamed("FromServicesAttribute") || IsService(parameter.Type))
            {
                return false;
            }

            if (parameter.ContainingSymbol is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction } lambda)
            {
                return lambda.DeclaringSyntaxReferences.Length == 1 &&
                    lambda.DeclaringSyntaxReferences[0].GetSyntax() is AnonymousFunctionExpressionSyntax syntax &&
                    RequestHandling.IsEndpointHandler(syntax);
            }

            return _requests.IsRequestBound(parameter);
        }

        private static bool IsService(ITypeSymbol type) =>
            type.TypeKind == TypeKind.Interface || type.IsAbstract && type.TypeKind == TypeKind.Class ||
            Array.Exists(s_serviceSuffixes, suffix => type.Name.EndsWith(suffix, StringComparison.Ordinal)) ||
            type.Name is "HttpContext" or "HttpRequest" or "CancellationToken";

        private static bool IsBoundProperty(IPropertySymbol property) =>
            property.HasAttributeNamed("BindPropertyAttribute") || property.ContainingType.HasAttributeNamed("BindPropertiesAttribute");

        private static bool IsArithmetic(BinaryOperatorKind kind) =>
            kind is BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide;

        private static bool IsComparison(BinaryOperatorKind kind) =>
            kind is BinaryOperatorKind.Equals or BinaryOperatorKind.NotEquals or BinaryOperatorKind.LessThan or BinaryOperatorKind.LessThanOrEqual or
                BinaryOperatorKind.GreaterThan or BinaryOperatorKind.GreaterThanOrEqual;

        /// <summary>The member as written (<c>cart.Items[i].Price</c>), shortened to its last two parts when long.</summary>
        private static string Describe(IPropertyReferenceOperation member)
        {
            var text = string.Join(" ", member.Syntax.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
            if (text.Length <= 60)
            {
                return text;
            }

            return member.Syntax is MemberAccessExpressionSyntax { Expression: var receiver } && receiver.ToString().Length <= 30
                ? receiver + "." + member.Property.Name
                : "..." + member.Property.Name;
        }
    }
}
