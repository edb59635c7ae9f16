using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2006: output of <c>System.Random</c> (<c>new Random()</c>, <c>new Random(seed)</c>, <c>Random.Shared</c>, a field
    /// or parameter) that becomes a security value, judged by the name of what it ends up in: a local, field, property,
    /// parameter, or the method or property that returns it (<see cref="SecurityValueNames"/>), or its role: the key, IV,
    /// salt or nonce of a System.Security.Cryptography type (<c>aes.Key = bytes</c>, <c>new Rfc2898DeriveBytes(pw, salt, ...)</c>).
    /// A fixed seed (<c>new Random(42)</c>) is reported the same way, where its values become security values. The value is followed
    /// through locals, concatenation and interpolation, <c>StringBuilder.Append</c>, <c>chars[random.Next(n)]</c>, arrays
    /// filled in a loop, <c>new string(...)</c>, <c>NextBytes(buffer)</c> then <c>Convert.ToBase64String(buffer)</c>, and
    /// LINQ <c>Select</c>. It stops at anything else (<c>Task.Delay</c>, comparisons, <c>OrderBy</c>, indexing a list of
    /// products), so shuffling, sampling and jitter stay clean. Test projects and seeding/fake/demo code are skipped.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2006InsecureRandomAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The <c>RandomNumberGenerator</c> method the code fix calls instead; absent when there is none or the call is not plain.</summary>
        internal const string FixKey = "Fix";

        private const int Budget = 200;

        private static readonly ImmutableHashSet<string> s_outputs = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Next", "NextInt64", "NextBytes", "NextDouble", "NextSingle", "GetItems", "GetHexString", "GetString");

        private static readonly ImmutableDictionary<string, string> s_replacements = new Dictionary<string, string>
        {
            ["Next"] = "GetInt32",
            ["NextBytes"] = "Fill",
            ["GetItems"] = "GetItems",
            ["GetHexString"] = "GetHexString",
            ["GetString"] = "GetString",
        }.ToImmutableDictionary(StringComparer.Ordinal);

        /// <summary>Calls whose result carries the value on: formatting, encoding, concatenation, LINQ projection.</summary>
        private static readonly ImmutableHashSet<string> s_passOn = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "ToString", "Concat", "Join", "Format", "Insert", "PadLeft", "PadRight", "Substring", "Replace", "Trim", "TrimStart", "TrimEnd",
            "ToUpper", "ToUpperInvariant", "ToLower", "ToLowerInvariant", "Remove", "ToBase64String", "ToHexString", "ToHexStringLower",
            "Base64UrlEncode", "EncodeToString", "GetString", "ToChar", "ToUInt32", "ToUInt64", "ToInt32", "ToInt64", "Abs",
            "Select", "SelectMany", "ToArray", "ToList", "AsSpan", "Slice", "Take", "Append", "Prepend", "Invoke");

        /// <summary>Calls that put the value into their receiver: a builder or a collection.</summary>
        private static readonly ImmutableHashSet<string> s_collectors = ImmutableHashSet.Create(
            StringComparer.Ordinal, "Append", "AppendLine", "AppendFormat", "AppendJoin", "Insert", "Add", "AddRange", "Push", "Enqueue");

        /// <summary>Parameters that take a position or a count, not content (<c>sb.Insert(random.Next(n), ...)</c>).</summary>
        private static readonly ImmutableHashSet<string> s_positionParameters = ImmutableHashSet.Create(
            StringComparer.Ordinal, "index", "startIndex", "count", "repeatCount", "charCount", "capacity");

        /// <summary>Words of a type or method that generates made-up data on purpose.</summary>
        private static readonly ImmutableHashSet<string> s_simulationWords = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "seed", "seeder", "seeding", "fake", "faker", "fakes", "demo", "sample", "samples", "mock", "mocks", "stub", "stubs", "simulate",
            "simulated", "simulation", "simulator", "dummy", "fixture", "fixtures", "bogus", "test", "tests");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS2006InsecureRandom);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var random = KnownTypes.Get(start.Compilation, "System.Random");
                if (random is null || TestCode.IsTestProject(start.Compilation, start.Options))
                {
                    return;
                }

                var generator = KnownTypes.Get(start.Compilation, "System.Security.Cryptography.RandomNumberGenerator");
                var available = generator is null
                    ? ImmutableHashSet<string>.Empty
                    : ImmutableHashSet.CreateRange(StringComparer.Ordinal, generator.MemberNames);
                start.RegisterOperationAction(c => Analyze(c, random, available), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol random, ImmutableHashSet<string> available)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!s_outputs.Contains(method.Name) || method.IsStatic || !method.ContainingType.InheritsFrom(random) || IsSimulation(context.ContainingSymbol))
            {
                return;
            }

            // NextBytes(buffer), GetItems(choices, destination) and GetHexString(destination) write into their argument.
            var filled = invocation.Arguments.ArgumentFor("buffer") ?? invocation.Arguments.ArgumentFor("destination");

            string? name = new Flow(context.ContainingSymbol).Find(invocation, filled);
            if (name is null)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (s_replacements.TryGetValue(method.Name, out var replacement) && available.Contains(replacement) && IsPlain(invocation))
            {
                properties = properties.Add(FixKey, replacement);
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS2006InsecureRandom, invocation.Syntax.GetLocation(), properties, name, "Random." + method.Name));
        }

        /// <summary>
        /// <c>receiver.Method(positional arguments)</c> on a variable, field, property or <c>new Random(...)</c>: the fix can
        /// drop the receiver without losing a side effect, and the arguments keep their meaning in the same order.
        /// </summary>
        private static bool IsPlain(IInvocationOperation invocation)
        {
            if (invocation.Syntax is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } syntax)
            {
                return false;
            }

            foreach (var argument in syntax.ArgumentList.Arguments)
            {
                if (argument.NameColon is not null || !argument.RefKindKeyword.IsKind(Microsoft.CodeAnalysis.CSharp.SyntaxKind.None))
                {
                    return false;
                }
            }

            return invocation.Instance?.WithoutConversions() is ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation or
                IPropertyReferenceOperation { Property.IsIndexer: false } or IObjectCreationOperation;
        }

        private static bool IsSimulation(ISymbol? symbol)
        {
            for (var s = symbol; s is not null && s is not INamespaceSymbol; s = s.ContainingSymbol)
            {
                if (NameWords.AnyIn(NameWords.Split(s.Name), s_simulationWords))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Follows a value forward, through the operations that carry it on, to the first name that says it is a security value.</summary>
        private sealed class Flow
        {
            private readonly ISymbol? _member;
            private readonly Queue<IOperation> _pending = new();
            private readonly HashSet<ILocalSymbol> _followed = new(SymbolEqualityComparer.Default);
            private IOperation? _root;
            private int _steps;

            public Flow(ISymbol? member) => _member = member;

            public string? Find(IOperation call, IOperation? filled)
            {
                _root = call.Root();
                if (filled is not null)
                {
                    if (Written(filled) is string written)
                    {
                        return written;
                    }
                }
                else
                {
                    _pending.Enqueue(call);
                }

                while (_pending.Count > 0 && _steps < Budget)
                {
                    if (Follow(_pending.Dequeue()) is string name)
                    {
                        return name;
                    }
                }

                return null;
            }

            private string? Follow(IOperation value)
            {
                while (_steps++ < Budget)
                {
                    var parent = value.Parent;
                    switch (parent)
                    {
                        case IConversionOperation:
                        case IParenthesizedOperation:
                        case IInterpolationOperation:
                        case IInterpolatedStringOperation:
                        case IDelegateCreationOperation:
                        case ICoalesceOperation:
                        case IConditionalOperation conditional when conditional.Condition != value:
                        case IBinaryOperation binary when IsArithmetic(binary.OperatorKind):
                        case IInvocationOperation call when call.Instance == value && s_passOn.Contains(call.TargetMethod.Name):
                            value = parent;
                            continue;
                        case IArrayElementReferenceOperation element when element.ArrayReference != value && IsTextPart(element.Type):
                            value = parent;
                            continue;
                        case IArgumentOperation argument:
                            var next = Passed(argument, out var name);
                            if (next is null)
                            {
                                return name;
                            }

                            value = next;
                            continue;
                        case ISimpleAssignmentOperation assignment when assignment.Value == value:
                            return Written(assignment.Target);
                        case ICompoundAssignmentOperation compound when compound.Value == value:
                            return Written(compound.Target);
                        case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                            return Into(declarator.Symbol);
                        case IFieldInitializerOperation field when field.InitializedFields.Length > 0:
                            return Judge(field.InitializedFields[0].Name, field.InitializedFields[0].ContainingType);
                        case IPropertyInitializerOperation property when property.InitializedProperties.Length > 0:
                            return Judge(property.InitializedProperties[0].Name, property.InitializedProperties[0].ContainingType);
                        case IReturnOperation returned:
                            var function = EnclosingFunction(returned);
                            if (function is IAnonymousFunctionOperation lambda)
                            {
                                value = lambda;
                                continue;
                            }

                            return function is ILocalFunctionOperation local ? Judge(local.Symbol.Name, null) : Returned();
                        default:
                            return null;
                    }
                }

                return null;
            }

            /// <summary>The value is an argument: the operation that carries it on, or null with the name it ends in (if any).</summary>
            private IOperation? Passed(IArgumentOperation argument, out string? name)
            {
                name = null;
                var parameter = argument.Parameter;
                switch (argument.Parent)
                {
                    case IInvocationOperation call:
                        string method = call.TargetMethod.Name;
                        if (parameter is not null && s_positionParameters.Contains(parameter.Name))
                        {
                            return null;
                        }

                        if (call.Instance is not null && s_collectors.Contains(method))
                        {
                            name = Written(Receiver(call.Instance));
                            return name is null && SymbolEqualityComparer.Default.Equals(call.Type, call.Instance.Type) ? call : null;
                        }

                        if (s_passOn.Contains(method))
                        {
                            return call;
                        }

                        name = parameter is null ? null
                            : IsKeyMaterial(parameter.Name, call.TargetMethod.ContainingType) ? call.TargetMethod.ContainingType.Name + "." + call.TargetMethod.Name + "(" + parameter.Name + ")"
                            : Judge(parameter.Name, call.TargetMethod.Name, parameter.Name);
                        return null;
                    case IObjectCreationOperation creation:
                        if (creation.Type?.SpecialType == SpecialType.System_String || creation.Type?.Name is "Guid" or "StringBuilder" or "BigInteger")
                        {
                            return creation;
                        }

                        name = parameter is null ? null
                            : IsKeyMaterial(parameter.Name, creation.Type) ? "new " + creation.Type!.Name + "(" + parameter.Name + ")"
                            : Judge(parameter.Name, creation.Type?.Name, parameter.Name);
                        return null;
                    case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when IsTextPart(indexer.Type):
                        return indexer;
                    default:
                        return null;
                }
            }

            /// <summary>The value is stored in <paramref name="target"/>.</summary>
            private string? Written(IOperation target)
            {
                switch (target.WithoutConversions())
                {
                    case ILocalReferenceOperation local:
                        return Into(local.Local);
                    case IParameterReferenceOperation parameter:
                        return Judge(parameter.Parameter.Name, parameter.Parameter.ContainingSymbol?.Name, parameter.Parameter.Name);
                    case IFieldReferenceOperation field:
                        return Judge(field.Field.Name, field.Field.ContainingType);
                    case IPropertyReferenceOperation { Property.IsIndexer: false } property when IsKeyMaterial(property.Property.Name, property.Property.ContainingType):
                        return (property.Instance?.Type?.Name ?? property.Property.ContainingType.Name) + "." + property.Property.Name;
                    case IPropertyReferenceOperation { Property.IsIndexer: false } property:
                        return Judge(property.Property.Name, property.Property.ContainingType);
                    case IPropertyReferenceOperation { Instance: { } collection }:
                        return Written(collection);
                    case IArrayElementReferenceOperation element:
                        return Written(element.ArrayReference);
                    default:
                        return null;
                }
            }

            /// <summary>
            /// A local holds the value: its name decides (a bare <c>code</c> or <c>id</c> with the member's name:
            /// <c>SendLoginCode</c>, <c>CreateSession</c>), or its later reads carry the value on.
            /// </summary>
            private string? Into(ILocalSymbol local)
            {
                string? member = _member is IMethodSymbol { AssociatedSymbol: { } property } ? property.Name : _member?.Name;
                if (SecurityValueNames.IsSecurityValueName(local.Name, member))
                {
                    return local.Name;
                }

                if (_root is null || !_followed.Add(local))
                {
                    return null;
                }

                foreach (var reference in CreatedObject.References(local, _root))
                {
                    if (!IsWrite(reference))
                    {
                        _pending.Enqueue(reference);
                    }
                }

                return null;
            }

            /// <summary>Returned from the member being analysed: its name, or the property's for a getter.</summary>
            private string? Returned() => _member switch
            {
                IMethodSymbol { AssociatedSymbol: IPropertySymbol property } => Judge(property.Name, property.ContainingType),
                IMethodSymbol method => Judge(method.Name, method.ContainingType?.Name, method.Name),
                _ => null,
            };

            private static string? Judge(string name, INamedTypeSymbol? type) =>
                Judge(name, type?.Name, type is null ? name : type.Name + "." + name);

            private static string? Judge(string name, string? context, string display) =>
                SecurityValueNames.IsSecurityValueName(name, context) ? display : null;

            /// <summary>
            /// A key, IV, salt or nonce of a System.Security.Cryptography type (<c>aes.Key = bytes</c>, <c>new Rfc2898DeriveBytes(pw, salt, ...)</c>,
            /// <c>CreateEncryptor(rgbKey, rgbIV)</c>, <c>new HMACSHA256(key)</c>): key material whatever the variable was called.
            /// </summary>
            private static bool IsKeyMaterial(string name, ITypeSymbol? type) =>
                name is "Key" or "IV" or "key" or "iv" or "rgbKey" or "rgbIV" or "salt" or "nonce" &&
                type?.ContainingNamespace?.ToDisplayString() == "System.Security.Cryptography";

            private static IOperation? EnclosingFunction(IOperation operation)
            {
                for (var o = operation.Parent; o is not null; o = o.Parent)
                {
                    if (o is IAnonymousFunctionOperation or ILocalFunctionOperation)
                    {
                        return o;
                    }
                }

                return null;
            }

            /// <summary>The builder or collection under a chain of <c>Append</c>/<c>Add</c> calls.</summary>
            private static IOperation Receiver(IOperation instance)
            {
                while (instance is IInvocationOperation { Instance: { } inner } call && s_collectors.Contains(call.TargetMethod.Name))
                {
                    instance = inner;
                }

                return instance;
            }

            private static bool IsWrite(IOperation reference) =>
                reference.Parent is IAssignmentOperation assignment && assignment.Target == reference ||
                reference.Parent is IArgumentOperation { Parameter.RefKind: RefKind.Out };

            private static bool IsArithmetic(BinaryOperatorKind kind) => kind is
                BinaryOperatorKind.Add or BinaryOperatorKind.Subtract or BinaryOperatorKind.Multiply or BinaryOperatorKind.Divide or
                BinaryOperatorKind.Remainder or BinaryOperatorKind.Or or BinaryOperatorKind.And or BinaryOperatorKind.ExclusiveOr or
                BinaryOperatorKind.LeftShift or BinaryOperatorKind.RightShift;

            /// <summary>Element types that make up a code: characters, digits, bytes, words. Picking a product or a colour is not.</summary>
            private static bool IsTextPart(ITypeSymbol? type) => type?.SpecialType is
                SpecialType.System_Char or SpecialType.System_String or SpecialType.System_Byte or SpecialType.System_SByte or
                SpecialType.System_Int16 or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or
                SpecialType.System_Int64 or SpecialType.System_UInt64;
        }
    }
}
