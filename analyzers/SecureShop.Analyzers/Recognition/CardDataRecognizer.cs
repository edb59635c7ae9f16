using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Decides whether a symbol or a value holds card data (RULES.md, "Recognising card data"):
    /// attributes, payment-SDK members, the name vocabulary, local data flow (assignment, interpolation,
    /// concatenation, string.Format, StringBuilder, ToString) and objects with a card-data member.
    /// One instance per rule, compilation and vocabulary; every answer is cached, so rules can ask freely. The answers
    /// about symbols and types depend on the compilation and the vocabulary alone, so the card-data rules of a compilation
    /// share them; the local data flow is kept per rule (its guard against cycles must not be seen by another rule).
    /// </summary>
    internal sealed class CardDataRecognizer
    {
        private const int MaxDepth = 12;

        private readonly CardDataVocabulary _vocabulary;

        /// <summary>Set for a sibling recognizer (personal data, secrets): it decides what a declaration or a key holds instead of the card vocabulary.</summary>
        private readonly ISensitiveNames? _names;
        private readonly ConcurrentDictionary<ISymbol, CardDataKind> _symbols;
        private readonly ConcurrentDictionary<ITypeSymbol, CardDataValue> _holders;
        private readonly ConcurrentDictionary<ILocalSymbol, CardDataValue> _locals = SharedCache.Create<ILocalSymbol, CardDataValue>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<ILocalSymbol, CardDataValue> _localsWithoutCalls = SharedCache.Create<ILocalSymbol, CardDataValue>(SymbolEqualityComparer.Default);
        private readonly MethodSummaries? _summaries;

        // Locals and returns of methods followed from a call, one cache per call depth: a callee judged one call deeper
        // sees one call less, so each depth gets its own answer and the result does not depend on the order of questions.
        private readonly ConcurrentDictionary<ILocalSymbol, CardDataValue>[] _calleeLocals = new ConcurrentDictionary<ILocalSymbol, CardDataValue>[MethodSummaries.MaxCalls];
        private readonly ConcurrentDictionary<IMethodSymbol, CardDataValue>[] _returns = new ConcurrentDictionary<IMethodSymbol, CardDataValue>[MethodSummaries.MaxCalls];

        /// <summary>Per compilation and vocabulary settings: the recognizer whose symbol and type answers the rules share.</summary>
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<(string?, string?), CardDataRecognizer>> s_shared =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<(string?, string?), CardDataRecognizer>>();

        private CardDataRecognizer(CardDataVocabulary vocabulary, MethodSummaries? summaries)
            : this(vocabulary, summaries, SharedCache.Create<ISymbol, CardDataKind>(SymbolEqualityComparer.Default), SharedCache.Create<ITypeSymbol, CardDataValue>(SymbolEqualityComparer.Default))
        {
        }

        private CardDataRecognizer(CardDataVocabulary vocabulary, MethodSummaries? summaries, ConcurrentDictionary<ISymbol, CardDataKind> symbols, ConcurrentDictionary<ITypeSymbol, CardDataValue> holders)
        {
            _vocabulary = vocabulary;
            _summaries = summaries;
            _symbols = symbols;
            _holders = holders;
            for (int i = 0; i < MethodSummaries.MaxCalls; i++)
            {
                _calleeLocals[i] = SharedCache.Create<ILocalSymbol, CardDataValue>(SymbolEqualityComparer.Default);
                _returns[i] = SharedCache.Create<IMethodSymbol, CardDataValue>(SymbolEqualityComparer.Default);
            }
        }

        private CardDataRecognizer(ISensitiveNames names)
            : this(CardDataVocabulary.Default, null)
        {
            _names = names;
        }

        /// <summary>
        /// A recognizer that follows values the same way but looks for what <paramref name="create"/>'s names denote
        /// (personal data, secrets), with the repository's additions and removals read from <paramref name="namesKey"/> and <paramref name="notNamesKey"/>.
        /// </summary>
        public static Func<SyntaxTree, CardDataRecognizer> ForNames(AnalyzerOptions options, string? namesKey, string? notNamesKey, Func<string?, string?, ISensitiveNames> create)
        {
            var byKey = SharedCache.Create<(string?, string?), CardDataRecognizer>();
            var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
            return tree =>
            {
                var treeOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
                string? names = namesKey is null ? null : Read(treeOptions, global, namesKey);
                string? notNames = notNamesKey is null ? null : Read(treeOptions, global, notNamesKey);
                return byKey.GetOrAdd((names, notNames), k => new CardDataRecognizer(create(k.Item1, k.Item2)));
            };
        }

        /// <summary>
        /// Gives the recognizer for a compilation. Vocabulary settings come from the options of each tree
        /// (.editorconfig) or globally (.globalconfig); the few distinct settings share their instances. With the compilation,
        /// values are followed through the project's own methods (<see cref="MethodSummaries"/>).
        /// </summary>
        public static Func<SyntaxTree, CardDataRecognizer> ForCompilation(Compilation compilation, AnalyzerOptions options)
        {
            var summaries = MethodSummaries.For(compilation);
            var shared = s_shared.GetValue(compilation, _ => SharedCache.Create<(string?, string?), CardDataRecognizer>());
            var byKey = SharedCache.Create<(string?, string?), CardDataRecognizer>();
            var global = options.AnalyzerConfigOptionsProvider.GlobalOptions;
            // Rules ask once per operation: the options of a tree are read once, not at every call.
            var byTree = SharedCache.Create<SyntaxTree, CardDataRecognizer>();
            return tree => byTree.GetOrAdd(tree, t =>
            {
                var treeOptions = options.AnalyzerConfigOptionsProvider.GetOptions(t);
                string? names = Read(treeOptions, global, CardDataVocabulary.CardDataNamesKey);
                string? notNames = Read(treeOptions, global, CardDataVocabulary.NotCardDataNamesKey);
                return byKey.GetOrAdd((names, notNames), k => shared.GetOrAdd(k, key => new CardDataRecognizer(CardDataVocabulary.Create(key.Item1, key.Item2), summaries)).WithOwnLocalFlow());
            });
        }

        /// <summary>A recognizer that shares this one's symbol and type answers and keeps its own local data flow.</summary>
        private CardDataRecognizer WithOwnLocalFlow() => new CardDataRecognizer(_vocabulary, _summaries, _symbols, _holders);

        private static string? Read(AnalyzerConfigOptions tree, AnalyzerConfigOptions global, string key) =>
            tree.TryGetValue(key, out var value) || global.TryGetValue(key, out value) ? value : null;

        // ---------------------------------------------------------------- symbols

        /// <summary>What card data a property, field, parameter or local holds by its own declaration.</summary>
        public CardDataKind Classify(ISymbol symbol) => _symbols.GetOrAdd(symbol, ClassifyUncached);

        private CardDataKind ClassifyUncached(ISymbol symbol)
        {
            ITypeSymbol? type;
            switch (symbol)
            {
                case IPropertySymbol p:
                    type = p.Type;
                    break;
                case IFieldSymbol f when !f.IsConst:
                    type = f.Type;
                    break;
                case IParameterSymbol a:
                    type = a.Type;
                    break;
                case ILocalSymbol l when !l.IsConst:
                    type = l.Type;
                    break;
                default:
                    return CardDataKind.None;
            }

            if (_names is not null)
            {
                return _names.Classify(symbol, type);
            }

            var byAttribute = FromAttributes(symbol);
            if (byAttribute != CardDataKind.None)
            {
                return byAttribute;
            }

            var bySdk = FromPaymentSdk(symbol);
            if (bySdk != CardDataKind.None)
            {
                return bySdk;
            }

            if (!CanHoldCardData(type))
            {
                return CardDataKind.None;
            }

            string? context = symbol.ContainingType?.Name;
            if (symbol is IParameterSymbol { ContainingSymbol: IMethodSymbol { MethodKind: MethodKind.Constructor } ctor })
            {
                context = ctor.ContainingType.Name;
            }

            return _vocabulary.Classify(symbol.Name, symbol.Kind == SymbolKind.Local ? null : context);
        }

        /// <summary>[CreditCard], or a user attribute named CardData / Pci / SensitiveCardData (no dependency needed).</summary>
        private CardDataKind FromAttributes(ISymbol symbol)
        {
            foreach (var attribute in symbol.Attributes())
            {
                var name = attribute.AttributeClass?.Name;
                switch (name)
                {
                    case "CreditCardAttribute":
                    case "CardDataAttribute":
                    case "PciAttribute":
                    case "SensitiveCardDataAttribute":
                        // The vocabulary tells SAD from PAN when it can; an annotated field is at least card data.
                        var byName = _vocabulary.Classify(symbol.Name, symbol.ContainingType?.Name);
                        return byName == CardDataKind.None ? CardDataKind.Pan : byName;
                }
            }

            return CardDataKind.None;
        }

        /// <summary>Known members of payment SDK types, matched by name so the analyzer depends on none of them.</summary>
        private static CardDataKind FromPaymentSdk(ISymbol symbol)
        {
            if (symbol.Kind != SymbolKind.Property && symbol.Kind != SymbolKind.Field)
            {
                return CardDataKind.None;
            }

            var type = symbol.ContainingType;
            if (type is null)
            {
                return CardDataKind.None;
            }

            string ns = type.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            string typeName = type.Name;
            string member = symbol.Name;

            // Stripe: CardCreateOptions, PaymentMethodCardOptions, TokenCardOptions, ... .Number / .Cvc
            if (ns == "Stripe" && typeName.EndsWith("Options", StringComparison.Ordinal) && typeName.IndexOf("Card", StringComparison.Ordinal) >= 0)
            {
                return member == "Number" ? CardDataKind.Pan : member == "Cvc" ? CardDataKind.Sad : CardDataKind.None;
            }

            // Braintree: CreditCardRequest, TransactionCreditCardRequest .Number / .CVV
            if (ns == "Braintree" && typeName.IndexOf("CreditCard", StringComparison.Ordinal) >= 0 && typeName.EndsWith("Request", StringComparison.Ordinal))
            {
                return member == "Number" ? CardDataKind.Pan : member == "CVV" ? CardDataKind.Sad : CardDataKind.None;
            }

            // Authorize.Net: creditCardType.cardNumber / cardCode, creditCardTrackType.track1 / track2
            if (ns.StartsWith("AuthorizeNet", StringComparison.Ordinal))
            {
                if (typeName == "creditCardType")
                {
                    return member == "cardNumber" ? CardDataKind.Pan : member == "cardCode" ? CardDataKind.Sad : CardDataKind.None;
                }

                if (typeName == "creditCardTrackType")
                {
                    return member == "track1" || member == "track2" ? CardDataKind.Sad : CardDataKind.None;
                }
            }

            return CardDataKind.None;
        }

        /// <summary>Card data is text or digits: string, char[], byte[] (PIN blocks), spans of those, numbers.</summary>
        private static bool CanHoldCardData(ITypeSymbol type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            switch (type.SpecialType)
            {
                case SpecialType.System_String:
                case SpecialType.System_Int32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt32:
                case SpecialType.System_UInt64:
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Decimal:
                    return true;
            }

            if (type is IArrayTypeSymbol array)
            {
                return array.ElementType.SpecialType == SpecialType.System_Char || array.ElementType.SpecialType == SpecialType.System_Byte;
            }

            if (type is INamedTypeSymbol { IsGenericType: true } generic &&
                (generic.Name == "ReadOnlySpan" || generic.Name == "Span" || generic.Name == "ReadOnlyMemory" || generic.Name == "Memory") &&
                generic.ContainingNamespace?.ToDisplayString() == "System")
            {
                var element = generic.TypeArguments[0].SpecialType;
                return element == SpecialType.System_Char || element == SpecialType.System_Byte;
            }

            return false;
        }

        // ---------------------------------------------------------------- types that hold card data

        /// <summary>
        /// Does an object of this type carry card data in a member (so logging it with destructuring,
        /// serializing it, or printing a generated ToString leaks it)? Looks two levels deep and into
        /// collections; members marked [JsonIgnore], [NotLogged], [LogMasked] or [IgnoreDataMember] do not count.
        /// </summary>
        public CardDataValue Holder(ITypeSymbol? type) => type is null ? CardDataValue.None : HolderOf(type, 0);

        private CardDataValue HolderOf(ITypeSymbol type, int depth)
        {
            if (depth > 2)
            {
                return CardDataValue.None;
            }

            if (depth == 0)
            {
                return _holders.GetOrAdd(type, t => HolderOfUncached(t, 0));
            }

            return HolderOfUncached(type, depth);
        }

        private CardDataValue HolderOfUncached(ITypeSymbol type, int depth)
        {
            if (type.SpecialType != SpecialType.None || type.TypeKind == TypeKind.Enum || type.TypeKind == TypeKind.Delegate || type.TypeKind == TypeKind.TypeParameter)
            {
                return CardDataValue.None;
            }

            if (type is IArrayTypeSymbol array)
            {
                return HolderOf(array.ElementType, depth + 1);
            }

            if (type is not INamedTypeSymbol named)
            {
                return CardDataValue.None;
            }

            string ns = named.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            if (ns == "System" || ns.StartsWith("System.", StringComparison.Ordinal) || ns.StartsWith("Microsoft.", StringComparison.Ordinal))
            {
                // Collections of card holders hold card data too; other framework types do not.
                foreach (var argument in named.TypeArguments)
                {
                    var inner = HolderOf(argument, depth + 1);
                    if (inner.IsCardData)
                    {
                        return inner;
                    }
                }

                return CardDataValue.None;
            }

            foreach (var member in named.GetMembers())
            {
                if (member.IsStatic || member.DeclaredAccessibility != Accessibility.Public || IsHiddenFromOutput(member))
                {
                    continue;
                }

                ITypeSymbol? memberType = member switch
                {
                    IPropertySymbol p when !p.IsIndexer => p.Type,
                    IFieldSymbol f when !f.IsConst && !f.IsImplicitlyDeclared => f.Type,
                    _ => null,
                };
                if (memberType is null)
                {
                    continue;
                }

                var kind = Classify(member);
                if (kind != CardDataKind.None)
                {
                    return new CardDataValue(kind, member.Name, isHolder: true);
                }

                var nested = HolderOf(memberType, depth + 1);
                if (nested.IsCardData)
                {
                    return new CardDataValue(nested.Kind, member.Name + "." + nested.Name, isHolder: true);
                }
            }

            return CardDataValue.None;
        }

        private static bool IsHiddenFromOutput(ISymbol member)
        {
            foreach (var attribute in member.Attributes())
            {
                switch (attribute.AttributeClass?.Name)
                {
                    case "JsonIgnoreAttribute":
                    case "NotLoggedAttribute":
                    case "LogMaskedAttribute":
                    case "IgnoreDataMemberAttribute":
                        return true;
                }
            }

            return false;
        }

        // ---------------------------------------------------------------- values (local data flow)

        /// <summary>The card data a value carries: directly, through locals and string building, or as a holder object.</summary>
        public CardDataValue Value(IOperation? operation) => ValueOf(operation, 0);

        private CardDataValue ValueOf(IOperation? operation, int depth)
        {
            if (operation is null || depth > MaxDepth)
            {
                return CardDataValue.None;
            }

            switch (operation)
            {
                case IConversionOperation conversion:
                    return ValueOf(conversion.Operand, depth + 1);
                case IParenthesizedOperation parenthesized:
                    return ValueOf(parenthesized.Operand, depth + 1);
                case IAwaitOperation awaited:
                    return ValueOf(awaited.Operation, depth + 1);
                case IArgumentOperation argument:
                    return ValueOf(argument.Value, depth + 1);
                case IPropertyReferenceOperation { Property.IsIndexer: true } indexer:
                    return KeyedValue(indexer).Or(ValueOf(indexer.Instance, depth + 1));
                case IPropertyReferenceOperation property:
                    return Member(property.Property, property.Type);
                case IFieldReferenceOperation field:
                    return Member(field.Field, field.Type);
                case IParameterReferenceOperation parameter:
                    // In a method followed from a call, its parameters are what the caller passed (ReturnedParameters), not their names.
                    return MethodSummaries.CallsFollowed > 0 ? CardDataValue.None : Member(parameter.Parameter, parameter.Type);
                case ILocalReferenceOperation local:
                    return Member(local.Local, local.Type).Or(LocalFlow(local, depth));
                case IInterpolatedStringOperation interpolated:
                    {
                        var result = CardDataValue.None;
                        foreach (var part in interpolated.Parts)
                        {
                            if (part is IInterpolationOperation interpolation)
                            {
                                result = result.Or(AsText(ValueOf(interpolation.Expression, depth + 1), interpolation.Expression));
                            }
                        }

                        return result;
                    }

                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary when binary.Type?.SpecialType == SpecialType.System_String:
                    return AsText(ValueOf(binary.LeftOperand, depth + 1), binary.LeftOperand).Or(AsText(ValueOf(binary.RightOperand, depth + 1), binary.RightOperand));
                case IConditionalOperation conditional:
                    return ValueOf(conditional.WhenTrue, depth + 1).Or(ValueOf(conditional.WhenFalse, depth + 1));
                case ICoalesceOperation coalesce:
                    return ValueOf(coalesce.Value, depth + 1).Or(ValueOf(coalesce.WhenNull, depth + 1));
                case ISimpleAssignmentOperation assignment:
                    return ValueOf(assignment.Value, depth + 1);
                case IInvocationOperation invocation:
                    return Invocation(invocation, depth);
                case IObjectCreationOperation creation:
                    return Creation(creation.Type, creation.Arguments, creation.Initializer, depth);
                case IAnonymousObjectCreationOperation anonymous:
                    {
                        var result = CardDataValue.None;
                        foreach (var initializer in anonymous.Initializers)
                        {
                            if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation target } member && !IsSanitized(member.Value))
                            {
                                var value = ValueOf(member.Value, depth + 1);
                                var byName = Classify(target.Property);
                                if (byName != CardDataKind.None)
                                {
                                    value = value.Or(new CardDataValue(byName, target.Property.Name, isHolder: false));
                                }

                                result = result.Or(value.AsHolder(target.Property.Name));
                            }
                        }

                        return result;
                    }

                case IArrayCreationOperation array when array.Initializer is not null:
                    {
                        var result = CardDataValue.None;
                        foreach (var element in array.Initializer.ElementValues)
                        {
                            result = result.Or(ValueOf(element, depth + 1));
                        }

                        return result;
                    }

                default:
                    return operation.Type is not null && operation.Type.SpecialType == SpecialType.None ? Holder(operation.Type) : CardDataValue.None;
            }
        }

        /// <summary>A holder object formatted into text gives its ToString(): card data only for records and anonymous types.</summary>
        private CardDataValue AsText(CardDataValue value, IOperation source)
        {
            if (!value.IsHolder)
            {
                return value;
            }

            var type = SymbolFacts.WithoutConversions(source).Type;
            return PrintsMembers(type) ? value.AsText() : CardDataValue.None;
        }

        /// <summary>True when the type's ToString prints its members: records with the compiler's ToString, anonymous types.</summary>
        public static bool PrintsMembers(ITypeSymbol? type)
        {
            if (type is null)
            {
                return false;
            }

            if (type.IsAnonymousType)
            {
                return true;
            }

            if (!type.IsRecord)
            {
                return false;
            }

            foreach (var member in type.GetMembers("ToString"))
            {
                if (member is IMethodSymbol { Parameters.Length: 0, IsImplicitlyDeclared: false })
                {
                    return false;
                }
            }

            foreach (var member in type.GetMembers("PrintMembers"))
            {
                if (member is IMethodSymbol { IsImplicitlyDeclared: false })
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Request.Form["cardNumber"], Request.Query["pan"], values["cvv"]: the constant key names the value.</summary>
        private CardDataValue KeyedValue(IPropertyReferenceOperation indexer)
        {
            if (indexer.Arguments.Length != 1 || indexer.Arguments[0].Value.ConstantValue is not { HasValue: true, Value: string key })
            {
                return CardDataValue.None;
            }

            var kind = _names?.ClassifyKey(key) ?? _vocabulary.Classify(key, contextName: null);
            return kind == CardDataKind.None ? CardDataValue.None : new CardDataValue(kind, key, isHolder: false);
        }

        private CardDataValue Member(ISymbol symbol, ITypeSymbol? type)
        {
            var kind = Classify(symbol);
            if (kind != CardDataKind.None)
            {
                return new CardDataValue(kind, symbol.Name, isHolder: false);
            }

            if (type is null || type.SpecialType != SpecialType.None)
            {
                return CardDataValue.None;
            }

            var holder = Holder(type);
            return holder.IsCardData ? new CardDataValue(holder.Kind, symbol.Name + "." + holder.Name, isHolder: true) : CardDataValue.None;
        }

        private CardDataValue Creation(ITypeSymbol? type, System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, IObjectOrCollectionInitializerOperation? initializer, int depth)
        {
            // new StringBuilder(pan), new string(panChars): text built from card data.
            if (type?.SpecialType == SpecialType.System_String || IsStringBuilder(type))
            {
                var text = CardDataValue.None;
                foreach (var argument in arguments)
                {
                    text = text.Or(ValueOf(argument.Value, depth + 1));
                }

                return text;
            }

            var result = Holder(type);
            if (initializer is not null)
            {
                foreach (var child in initializer.Initializers)
                {
                    var value = child switch
                    {
                        ISimpleAssignmentOperation assignment => ValueOf(assignment.Value, depth + 1),
                        IInvocationOperation add => Arguments(add.Arguments, depth),
                        _ => ValueOf(child, depth + 1),
                    };
                    if (value.IsCardData)
                    {
                        string name = child switch
                        {
                            // dictionary["pan"] = ...: the key names the entry.
                            ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true } indexer }
                                when indexer.Arguments.Length == 1 && indexer.Arguments[0].Value.ConstantValue is { HasValue: true, Value: string key } => key,
                            ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Member.Name: var member } } => member,
                            _ => value.Name,
                        };
                        result = result.Or(value.AsHolder(name));
                    }
                }
            }

            foreach (var argument in arguments)
            {
                var value = ValueOf(argument.Value, depth + 1);
                if (value.IsCardData)
                {
                    result = result.Or(value.AsHolder(value.Name));
                }
            }

            return result;
        }

        private CardDataValue Arguments(System.Collections.Immutable.ImmutableArray<IArgumentOperation> arguments, int depth)
        {
            var result = CardDataValue.None;
            foreach (var argument in arguments)
            {
                result = result.Or(ValueOf(argument.Value, depth + 1));
            }

            return result;
        }

        private CardDataValue Invocation(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            string name = method.Name;
            if (IsSanitizerName(name) || IsPartialTake(invocation))
            {
                return CardDataValue.None;
            }

            var containing = method.ContainingType;
            bool isString = containing?.SpecialType == SpecialType.System_String;

            // string.Format / Concat / Join / Create: the result carries every argument.
            if (isString && method.IsStatic && (name == "Format" || name == "Concat" || name == "Join"))
            {
                var result = CardDataValue.None;
                foreach (var argument in invocation.Arguments)
                {
                    result = result.Or(AsText(ValueOf(argument.Value, depth + 1), argument.Value));
                }

                return result;
            }

            // Text-preserving instance calls: pan.Trim(), pan.Replace(" ", ""), sb.ToString(), pan.ToString(), ...
            if (invocation.Instance is not null && (isString || IsStringBuilder(containing) || name == "ToString" || name == "AsSpan" || name == "ToCharArray" || name == "AsMemory"))
            {
                if (name == "ToString" && !isString && !IsStringBuilder(containing))
                {
                    var receiver = ValueOf(invocation.Instance, depth + 1);
                    return receiver.IsHolder ? AsText(receiver, invocation.Instance) : receiver;
                }

                if (isString && method.ReturnType.SpecialType != SpecialType.System_String && name != "ToCharArray" && name != "AsSpan" && name != "AsMemory")
                {
                    return CardDataValue.None; // Length, Contains, StartsWith, IndexOf, ...
                }

                return ValueOf(invocation.Instance, depth + 1);
            }

            // Static text helpers that keep their argument: String.Concat-like extension calls, Convert.ToString(pan).
            if (method.IsStatic && containing?.Name == "Convert" && name == "ToString" && invocation.Arguments.Length >= 1)
            {
                return ValueOf(invocation.Arguments[0].Value, depth + 1);
            }

            // JsonSerializer.Serialize(order) / JsonConvert.SerializeObject(order): the text holds the card members.
            if ((name == "Serialize" || name == "SerializeObject") && invocation.Arguments.Length >= 1)
            {
                return ValueOf(invocation.Arguments[0].Value, depth + 1).AsText();
            }

            return ThroughProjectMethod(invocation, depth);
        }

        /// <summary>
        /// A call to the project's own method (<see cref="MethodSummaries"/>): the card data of the arguments it returns (made
        /// into text or not), and the card data its body returns by itself (<c>string Describe(Card c) =&gt; $"{c.Number}"</c>).
        /// </summary>
        private CardDataValue ThroughProjectMethod(IInvocationOperation invocation, int depth)
        {
            var method = invocation.TargetMethod;
            if (_summaries is null || !MethodSummaries.CanFollow || _summaries.BodyOf(method) is null)
            {
                return CardDataValue.None;
            }

            var result = CardDataValue.None;
            ulong passed = _summaries.ReturnedParameters(method);
            for (int i = 0; passed != 0; i++, passed >>= 1)
            {
                if ((passed & 1) != 0 && MethodSummaries.Argument(invocation, i) is { } argument)
                {
                    result = result.Or(ValueOf(argument, depth + 1));
                }
            }

            return result.Or(Returned(method));
        }

        /// <summary>The card data a method returns by its own body, judged one call deeper.</summary>
        private CardDataValue Returned(IMethodSymbol method)
        {
            var cache = _returns[MethodSummaries.CallsFollowed];
            if (cache.TryGetValue(method, out var cached))
            {
                return cached;
            }

            var result = CardDataValue.None;
            using (MethodSummaries.Follow())
            {
                foreach (var returned in _summaries!.ReturnedValues(method))
                {
                    result = result.Or(ValueOf(returned, 0));
                }
            }

            return cache.GetOrAdd(method, result);
        }

        /// <summary>Calls whose result no longer is the card data (RULES.md SS1004 list, plus encryption and tokenization).</summary>
        public static bool IsSanitizerName(string name) =>
            Contains(name, "Mask") || Contains(name, "Redact") || Contains(name, "Truncate") || Contains(name, "Last4") ||
            Contains(name, "LastFour") || Contains(name, "Hash") || Contains(name, "Encrypt") || Contains(name, "Protect") ||
            Contains(name, "Tokeni") || Contains(name, "Obfuscate") || Contains(name, "Anonymi");

        /// <summary>
        /// True when <paramref name="value"/> is a sanitizer's result (<see cref="IsSanitizerName"/>, a partial take), or a choice
        /// between such results and empty values: <c>allowed ? _encryptor.EncryptText(pan) : string.Empty</c>,
        /// <c>Encrypt(pan) ?? ""</c>, a switch expression whose arms all are. One arm in clear makes the whole value clear.
        /// </summary>
        public bool IsSanitized(IOperation value) => IsSanitized(value, depth: 0);

        private bool IsSanitized(IOperation value, int depth)
        {
            value = SymbolFacts.WithoutConversions(value);
            switch (value)
            {
                case IInvocationOperation invocation:
                    return IsSanitizerName(invocation.TargetMethod.Name) || IsPartialTake(invocation);
                case IConditionalOperation { WhenFalse: { } whenFalse } conditional when depth < 4:
                    return IsSanitizedOrEmpty(conditional.WhenTrue, depth + 1) && IsSanitizedOrEmpty(whenFalse, depth + 1) &&
                        !(IsEmpty(conditional.WhenTrue) && IsEmpty(whenFalse));
                case ICoalesceOperation coalesce when depth < 4:
                    return IsSanitized(coalesce.Value, depth + 1) && IsSanitizedOrEmpty(coalesce.WhenNull, depth + 1);
                case ISwitchExpressionOperation switchExpression when depth < 4 && switchExpression.Arms.Length > 0:
                    bool anySanitized = false;
                    foreach (var arm in switchExpression.Arms)
                    {
                        if (!IsSanitizedOrEmpty(arm.Value, depth + 1))
                        {
                            return false;
                        }

                        anySanitized |= !IsEmpty(arm.Value);
                    }

                    return anySanitized;
                default:
                    return false;
            }
        }

        private bool IsSanitizedOrEmpty(IOperation value, int depth) => IsEmpty(value) || IsSanitized(value, depth);

        /// <summary><c>null</c>, <c>""</c>, <c>default</c>, <c>string.Empty</c>: nothing stored at all.</summary>
        private static bool IsEmpty(IOperation value)
        {
            value = SymbolFacts.WithoutConversions(value);
            return value.ConstantValue is { HasValue: true, Value: null or "" } || value is IDefaultValueOperation ||
                value is IFieldReferenceOperation { Field: { Name: "Empty", ContainingType.SpecialType: SpecialType.System_String } };
        }

        /// <summary>Substring/range taking at most the last four digits or the first six (what PCI DSS allows to be shown).</summary>
        internal static bool IsPartialTake(IInvocationOperation invocation)
        {
            string name = invocation.TargetMethod.Name;
            if (invocation.TargetMethod.ContainingType?.SpecialType != SpecialType.System_String &&
                name != "TakeLast" && name != "Take" && name != "Slice")
            {
                return false;
            }

            var args = invocation.Arguments;
            switch (name)
            {
                case "Substring":
                case "Slice":
                    if (args.Length == 2)
                    {
                        return ConstantAtMost(args[1].Value, 6);
                    }

                    return args.Length == 1 && IsLengthMinusSmall(args[0].Value);
                case "TakeLast":
                case "Take":
                    return args.Length >= 1 && ConstantAtMost(args[args.Length - 1].Value, name == "Take" ? 6 : 4);
                case "PadLeft":
                case "PadRight":
                    return false;
            }

            return false;
        }

        private static bool ConstantAtMost(IOperation value, int max) =>
            value.ConstantValue.HasValue && value.ConstantValue.Value is int i && i <= max;

        /// <summary>"pan.Length - 4".</summary>
        private static bool IsLengthMinusSmall(IOperation value) =>
            SymbolFacts.WithoutConversions(value) is IBinaryOperation { OperatorKind: BinaryOperatorKind.Subtract } binary &&
            binary.LeftOperand is IPropertyReferenceOperation { Property.Name: "Length" } &&
            ConstantAtMost(binary.RightOperand, 4);

        /// <summary>Everything assigned to a local in its method (flow-insensitive), and what was appended to a local StringBuilder.</summary>
        private CardDataValue LocalFlow(ILocalReferenceOperation reference, int depth)
        {
            var local = reference.Local;
            var locals = !MethodSummaries.CallsEnabled ? _localsWithoutCalls : MethodSummaries.CallsFollowed == 0 ? _locals : _calleeLocals[MethodSummaries.CallsFollowed - 1];
            if (locals.TryGetValue(local, out var cached))
            {
                return cached;
            }

            // Guard against cycles (x = x + y): a local being computed counts as clean meanwhile.
            locals.TryAdd(local, CardDataValue.None);
            var result = CardDataValue.None;
            bool isBuilder = IsStringBuilder(local.Type);
            foreach (var node in reference.Root().Descendants())
            {
                switch (node)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var init = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                        if (init is not null)
                        {
                            result = result.Or(ValueOf(init.Value, depth + 1));
                        }

                        break;
                    case IAssignmentOperation assignment when assignment.Target is ILocalReferenceOperation target && SymbolEqualityComparer.Default.Equals(target.Local, local):
                        result = result.Or(ValueOf(assignment.Value, depth + 1));
                        break;
                    case IForEachLoopOperation loop when loop.LoopControlVariable is IVariableDeclaratorOperation control && SymbolEqualityComparer.Default.Equals(control.Symbol, local):
                        // An element of a collection of holders is a holder; an element of card text is card text.
                        result = result.Or(ValueOf(loop.Collection, depth + 1));
                        break;
                    case IInvocationOperation call when isBuilder && call.Instance is ILocalReferenceOperation builder && SymbolEqualityComparer.Default.Equals(builder.Local, local):
                        foreach (var argument in call.Arguments)
                        {
                            result = result.Or(AsText(ValueOf(argument.Value, depth + 1), argument.Value));
                        }

                        break;
                }
            }

            locals[local] = result;
            return result;
        }

        private static bool IsStringBuilder(ITypeSymbol? type) =>
            type is { Name: "StringBuilder" } && type.ContainingNamespace?.ToDisplayString() == "System.Text";

        private static bool Contains(string text, string part) => text.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0;
    }
}
