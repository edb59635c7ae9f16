using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Bounded cross-method summaries of the project's own methods, read from each method's own body and computed only when
    /// a rule reaches a call with an interesting argument (card data, a request value, a constant), never up front:
    /// which parameters the returned value is made of (<see cref="ReturnedParameters"/>: the parameter itself, a string
    /// built from it, <c>Trim</c>/<c>Substring</c>/<c>ToString</c>/<c>Replace</c>, arithmetic), what a method returns
    /// (<see cref="ReturnedValues"/>, judged by each rule's recognizer) and which parameters reach a rule's sink
    /// (<see cref="SinkOf"/>). A value is followed through at most <see cref="MaxCalls"/> nested calls; a recursive
    /// method is cut there too, so every question terminates.
    /// <para>
    /// Only a method whose body is known is followed: declared in source of this compilation, not abstract, not
    /// <c>virtual</c>, not an interface member, not an <c>override</c> that can itself be overridden (a sealed override or an
    /// override in a sealed type is known), not <c>extern</c>, not an iterator. Static, private, sealed and ordinary
    /// non-virtual instance methods, local functions and non-virtual property getters qualify; a call through an interface
    /// or a virtual method may run code this compilation does not show, and a library method has no body here.
    /// </para>
    /// One instance per compilation (<see cref="For"/>), shared by every rule; lazily filled, thread-safe.
    /// </summary>
    internal sealed class MethodSummaries
    {
        /// <summary>How many nested calls a value is followed through.</summary>
        public const int MaxCalls = 3;

        /// <summary>The key of a diagnostic property that holds one message per additional location, separated by new lines.</summary>
        public const string RelatedMessagesKey = "SecureShop.RelatedMessages";

        private const int MaxExpressionDepth = 24;

        private static readonly ConditionalWeakTable<Compilation, MethodSummaries> s_byCompilation = new ConditionalWeakTable<Compilation, MethodSummaries>();

        [ThreadStatic]
        private static int t_callsFollowed;

        [ThreadStatic]
        private static bool t_callsDisabled;

        private readonly Compilation _compilation;
        private readonly ConcurrentDictionary<IMethodSymbol, Body?> _bodies = SharedCache.Create<IMethodSymbol, Body?>(SymbolEqualityComparer.Default);
        private readonly ConcurrentDictionary<(IMethodSymbol Method, int Level), ulong> _returnedParameters = SharedCache.Create<(IMethodSymbol, int), ulong>(new MethodLevelComparer());
        private readonly ConcurrentDictionary<(IMethodSymbol Method, int Level, string Sink), ImmutableArray<SinkPath?>> _sinks =
            SharedCache.Create<(IMethodSymbol, int, string), ImmutableArray<SinkPath?>>(new MethodLevelSinkComparer());

        private MethodSummaries(Compilation compilation)
        {
            _compilation = compilation;
        }

        public static MethodSummaries For(Compilation compilation) => s_byCompilation.GetValue(compilation, c => new MethodSummaries(c));

        /// <summary>How many calls the value being judged has been followed through on this thread (0 in the method a rule looks at).</summary>
        public static int CallsFollowed => t_callsFollowed;

        /// <summary>True while one more call may be followed.</summary>
        public static bool CanFollow => t_callsFollowed < MaxCalls && !t_callsDisabled;

        /// <summary>True unless a rule asked for a quick answer without following calls (<see cref="WithoutCalls"/>).</summary>
        public static bool CallsEnabled => !t_callsDisabled;

        /// <summary>
        /// Judges values without following calls until disposed: for questions asked of every call of the project (is this
        /// argument card data?), where following calls would read most method bodies of the compilation.
        /// </summary>
        public static NoCallScope WithoutCalls()
        {
            bool previous = t_callsDisabled;
            t_callsDisabled = true;
            return new NoCallScope(previous);
        }

        /// <summary>Enters a callee: everything judged until the scope is disposed is one call deeper.</summary>
        public static CallScope Follow()
        {
            t_callsFollowed++;
            return default;
        }

        /// <summary>The body of a method this compilation declares and nobody can replace (see the class comment), or null.</summary>
        public Body? BodyOf(IMethodSymbol? method)
        {
            if (method is null || method.DeclaringSyntaxReferences.IsEmpty && method.PartialImplementationPart is null)
            {
                return null; // a library method: the cheap answer first
            }

            return _bodies.GetOrAdd(method.OriginalDefinition, m => Read(m));
        }

        /// <summary>The parameters (bit i for ordinal i) whose value, or text or number made from it, the method returns.</summary>
        public ulong ReturnedParameters(IMethodSymbol method)
        {
            var body = BodyOf(method);
            if (body is null || !CanFollow)
            {
                return 0;
            }

            int level = CallsFollowed + 1;
            var key = (body.Method, level);
            if (_returnedParameters.TryGetValue(key, out ulong cached))
            {
                return cached;
            }

            ulong mask = 0;
            using (Follow())
            {
                foreach (var returned in body.Returned)
                {
                    mask |= Flows(returned, body, 0, null);
                }
            }

            return _returnedParameters.GetOrAdd(key, mask);
        }

        /// <summary>The values the method returns (each <c>return</c>, or the expression body), for a rule's recognizer to judge one call deeper.</summary>
        public ImmutableArray<IOperation> ReturnedValues(IMethodSymbol method) => BodyOf(method)?.Returned ?? ImmutableArray<IOperation>.Empty;

        /// <summary>
        /// For each parameter of <paramref name="method"/>, the path to the first sink its value reaches (directly, as text made
        /// from it, or through a nested call within the bound), or null. <paramref name="sinkValues"/> gives the values an
        /// invocation hands to the sink, or null when it is no sink; <paramref name="sink"/> names the question for the cache.
        /// </summary>
        public ImmutableArray<SinkPath?> SinkOf(IMethodSymbol method, string sink, Func<IInvocationOperation, IEnumerable<IOperation>?> sinkValues)
        {
            var body = BodyOf(method);
            if (body is null || !CanFollow || body.Method.Parameters.IsEmpty)
            {
                return ImmutableArray<SinkPath?>.Empty;
            }

            int level = CallsFollowed + 1;
            var key = (body.Method, level, sink);
            if (_sinks.TryGetValue(key, out var cached))
            {
                return cached;
            }

            var paths = new SinkPath?[body.Method.Parameters.Length];
            using (Follow())
            {
                foreach (var node in body.Root.Descendants())
                {
                    if (node is not IInvocationOperation invocation || IsInsideNestedFunction(node, body.Root))
                    {
                        continue;
                    }

                    var values = sinkValues(invocation);
                    if (values is not null)
                    {
                        foreach (var value in values)
                        {
                            Record(paths, Flows(value, body, 0, null), new SinkPath(invocation, ImmutableArray.Create(invocation.Syntax.GetLocation())));
                        }

                        continue;
                    }

                    // A nested call is read only when one of our parameters flows into one of its arguments.
                    var flowing = new List<(int Ordinal, ulong Mask)>();
                    foreach (var argument in invocation.Arguments)
                    {
                        ulong mask = argument.Parameter is null ? 0 : Flows(argument.Value, body, 0, null);
                        if (mask != 0)
                        {
                            flowing.Add((argument.Parameter!.Ordinal, mask));
                        }
                    }

                    if (flowing.Count == 0 || !CanFollow || BodyOf(invocation.TargetMethod) is null)
                    {
                        continue;
                    }

                    var nested = SinkOf(invocation.TargetMethod, sink, sinkValues);
                    foreach (var (ordinal, mask) in flowing)
                    {
                        if (ordinal < nested.Length && nested[ordinal] is { } inner)
                        {
                            Record(paths, mask, inner.Through(invocation.Syntax.GetLocation()));
                        }
                    }
                }
            }

            return _sinks.GetOrAdd(key, ImmutableArray.Create(paths));
        }

        /// <summary>The value passed for parameter ordinal <paramref name="ordinal"/> of a call (explicit or named), or null.</summary>
        public static IOperation? Argument(IInvocationOperation invocation, int ordinal)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == ordinal && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>
        /// The calls of the project's own methods that a judged value went through, for a finding's additional locations: each call
        /// in <paramref name="value"/> (or in what its locals were assigned) whose callee was read while judging it, and where that
        /// callee returns. Nothing is bound here: a callee nobody read is not listed.
        /// </summary>
        public IReadOnlyList<(Location Location, string Message)> CallSteps(IOperation value)
        {
            var steps = new List<(Location, string)>();
            var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            var root = value.Root();
            Collect(value, 0);
            return steps;

            void Collect(IOperation operation, int depth)
            {
                foreach (var node in operation.DescendantsAndSelf())
                {
                    if (steps.Count >= 6)
                    {
                        return;
                    }

                    if (node is IInvocationOperation call && !call.TargetMethod.DeclaringSyntaxReferences.IsEmpty &&
                        _bodies.TryGetValue(call.TargetMethod.OriginalDefinition, out var body) && body is not null && seen.Add(body.Method))
                    {
                        steps.Add((call.Syntax.GetLocation(), "the value goes through '" + body.Method.Name + "'"));
                        if (!body.Returned.IsEmpty)
                        {
                            steps.Add((body.Returned[0].Syntax.GetLocation(), "'" + body.Method.Name + "' returns it here"));
                        }
                    }
                    else if (node is ILocalReferenceOperation local && depth < MaxCalls && seen.Add(local.Local))
                    {
                        foreach (var assigned in root.Descendants())
                        {
                            if (assigned is IVariableDeclaratorOperation { Initializer: { } initializer } declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local.Local))
                            {
                                Collect(initializer.Value, depth + 1);
                            }
                            else if (assigned is IAssignmentOperation { Target: ILocalReferenceOperation target } assignment && SymbolEqualityComparer.Default.Equals(target.Local, local.Local))
                            {
                                Collect(assignment.Value, depth + 1);
                            }
                        }
                    }
                }
            }
        }

        /// <summary>A diagnostic with the steps of its path as additional locations, each with its message (a property the SARIF writer reads).</summary>
        public static Diagnostic Report(DiagnosticDescriptor descriptor, Location location, IReadOnlyList<(Location Location, string Message)> steps, params object[] arguments) =>
            Report(descriptor, location, steps, ImmutableDictionary<string, string?>.Empty, arguments);

        /// <summary>The same, with the rule's own diagnostic properties (a code fix's hints).</summary>
        public static Diagnostic Report(
            DiagnosticDescriptor descriptor, Location location, IReadOnlyList<(Location Location, string Message)> steps, ImmutableDictionary<string, string?> properties, params object[] arguments)
        {
            if (steps.Count == 0)
            {
                return Diagnostic.Create(descriptor, location, properties, arguments);
            }

            var locations = new List<Location>(steps.Count);
            var messages = new List<string>(steps.Count);
            foreach (var (where, message) in steps)
            {
                locations.Add(where);
                messages.Add(message.Replace('\n', ' '));
            }

            properties = properties.SetItem(RelatedMessagesKey, string.Join("\n", messages));
            return Diagnostic.Create(descriptor, location, locations, properties, arguments);
        }

        private static void Record(SinkPath?[] paths, ulong mask, SinkPath path)
        {
            for (int i = 0; i < paths.Length && mask != 0; i++, mask >>= 1)
            {
                if ((mask & 1) != 0 && paths[i] is null)
                {
                    paths[i] = path;
                }
            }
        }

        /// <summary>The parameters of the method of <paramref name="body"/> that <paramref name="value"/> is made of.</summary>
        private ulong Flows(IOperation? value, Body body, int depth, HashSet<ILocalSymbol>? visiting)
        {
            if (value is null || depth > MaxExpressionDepth)
            {
                return 0;
            }

            switch (value)
            {
                case IParameterReferenceOperation parameter:
                    return SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, body.Method) && parameter.Parameter.Ordinal < 64
                        ? 1UL << parameter.Parameter.Ordinal
                        : 0;
                case IConversionOperation conversion:
                    return Flows(conversion.Operand, body, depth + 1, visiting);
                case IParenthesizedOperation parenthesized:
                    return Flows(parenthesized.Operand, body, depth + 1, visiting);
                case IAwaitOperation awaited:
                    return Flows(awaited.Operation, body, depth + 1, visiting);
                case IArgumentOperation argument:
                    return Flows(argument.Value, body, depth + 1, visiting);
                case ISimpleAssignmentOperation assignment:
                    return Flows(assignment.Value, body, depth + 1, visiting);
                case IConditionalOperation conditional:
                    return Flows(conditional.WhenTrue, body, depth + 1, visiting) | Flows(conditional.WhenFalse, body, depth + 1, visiting);
                case ICoalesceOperation coalesce:
                    return Flows(coalesce.Value, body, depth + 1, visiting) | Flows(coalesce.WhenNull, body, depth + 1, visiting);
                case IBinaryOperation binary when IsTextOrArithmetic(binary):
                    return Flows(binary.LeftOperand, body, depth + 1, visiting) | Flows(binary.RightOperand, body, depth + 1, visiting);
                case IInterpolatedStringOperation interpolated:
                    {
                        ulong mask = 0;
                        foreach (var part in interpolated.Parts)
                        {
                            if (part is IInterpolationOperation hole)
                            {
                                mask |= Flows(hole.Expression, body, depth + 1, visiting);
                            }
                        }

                        return mask;
                    }

                case IInvocationOperation invocation:
                    return FlowsThrough(invocation, body, depth, visiting);
                case ILocalReferenceOperation local:
                    return FlowsFromLocal(local.Local, body, depth, visiting);
                default:
                    return 0;
            }
        }

        /// <summary>Calls that keep their receiver's or arguments' value: string and StringBuilder calls, ToString, nested project methods.</summary>
        private ulong FlowsThrough(IInvocationOperation invocation, Body body, int depth, HashSet<ILocalSymbol>? visiting)
        {
            var method = invocation.TargetMethod;
            string name = method.Name;
            if (CardDataRecognizer.IsSanitizerName(name) || CardDataRecognizer.IsPartialTake(invocation))
            {
                return 0;
            }

            var containing = method.ContainingType;
            bool isString = containing?.SpecialType == SpecialType.System_String;
            if (isString && method.IsStatic && name is "Format" or "Concat" or "Join")
            {
                ulong mask = 0;
                foreach (var argument in invocation.Arguments)
                {
                    mask |= Flows(argument.Value, body, depth + 1, visiting);
                }

                return mask;
            }

            if (invocation.Instance is { } instance)
            {
                if (name == "ToString" || (isString && method.ReturnType.SpecialType == SpecialType.System_String) || name is "ToCharArray" or "AsSpan" or "AsMemory")
                {
                    return Flows(instance, body, depth + 1, visiting);
                }

                if (IsStringBuilder(containing))
                {
                    ulong mask = Flows(instance, body, depth + 1, visiting);
                    if (name.StartsWith("Append", StringComparison.Ordinal) || name == "Insert")
                    {
                        foreach (var argument in invocation.Arguments)
                        {
                            mask |= Flows(argument.Value, body, depth + 1, visiting);
                        }
                    }

                    return mask;
                }
            }

            if (method.IsStatic && containing?.Name == "Convert" && name == "ToString" && invocation.Arguments.Length >= 1)
            {
                return Flows(invocation.Arguments[0].Value, body, depth + 1, visiting);
            }

            // A nested project method is read only when one of our parameters flows into one of its arguments.
            ulong any = 0;
            foreach (var argument in invocation.Arguments)
            {
                any |= Flows(argument.Value, body, depth + 1, visiting);
            }

            if (any == 0 || !CanFollow || BodyOf(method) is null)
            {
                return 0;
            }

            ulong through = ReturnedParameters(method);
            ulong result = 0;
            for (int i = 0; through != 0; i++, through >>= 1)
            {
                if ((through & 1) != 0)
                {
                    result |= Flows(Argument(invocation, i), body, depth + 1, visiting);
                }
            }

            return result;
        }

        /// <summary>Everything assigned to a local in the method (flow-insensitive), and what was appended to a local StringBuilder.</summary>
        private ulong FlowsFromLocal(ILocalSymbol local, Body body, int depth, HashSet<ILocalSymbol>? visiting)
        {
            visiting ??= new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
            if (!visiting.Add(local))
            {
                return 0;
            }

            ulong mask = 0;
            bool isBuilder = IsStringBuilder(local.Type);
            foreach (var node in body.Root.Descendants())
            {
                switch (node)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initializer = declarator.Initializer ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer;
                        mask |= Flows(initializer?.Value, body, depth + 1, visiting);
                        break;
                    case IAssignmentOperation { Target: ILocalReferenceOperation target } assignment when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        mask |= Flows(assignment.Value, body, depth + 1, visiting);
                        break;
                    case IForEachLoopOperation { LoopControlVariable: IVariableDeclaratorOperation control } loop when SymbolEqualityComparer.Default.Equals(control.Symbol, local):
                        mask |= Flows(loop.Collection, body, depth + 1, visiting);
                        break;
                    case IInvocationOperation { Instance: ILocalReferenceOperation builder } append when isBuilder && SymbolEqualityComparer.Default.Equals(builder.Local, local):
                        foreach (var argument in append.Arguments)
                        {
                            mask |= Flows(argument.Value, body, depth + 1, visiting);
                        }

                        break;
                }
            }

            return mask;
        }

        private static bool IsTextOrArithmetic(IBinaryOperation binary)
        {
            switch (binary.OperatorKind)
            {
                case BinaryOperatorKind.Add:
                    return binary.Type?.SpecialType == SpecialType.System_String || IsNumber(binary.Type);
                case BinaryOperatorKind.Subtract:
                case BinaryOperatorKind.Multiply:
                case BinaryOperatorKind.Divide:
                    return IsNumber(binary.Type);
                default:
                    return false;
            }
        }

        private static bool IsNumber(ITypeSymbol? type)
        {
            if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
            {
                type = nullable.TypeArguments[0];
            }

            switch (type?.SpecialType)
            {
                case SpecialType.System_Int16:
                case SpecialType.System_UInt16:
                case SpecialType.System_Int32:
                case SpecialType.System_UInt32:
                case SpecialType.System_Int64:
                case SpecialType.System_UInt64:
                case SpecialType.System_Decimal:
                case SpecialType.System_Double:
                case SpecialType.System_Single:
                    return true;
                default:
                    return false;
            }
        }

        private static bool IsStringBuilder(ITypeSymbol? type) =>
            type is { Name: "StringBuilder" } && type.ContainingNamespace?.ToDisplayString() == "System.Text";

        private static bool IsInsideNestedFunction(IOperation node, IOperation root)
        {
            for (var current = node.Parent; current is not null && current != root; current = current.Parent)
            {
                if (current is IAnonymousFunctionOperation or ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }

        private Body? Read(IMethodSymbol method)
        {
            if (method.PartialImplementationPart is { } implementation)
            {
                method = implementation;
            }

            if (!HasKnownBody(method) || method.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            var reference = method.DeclaringSyntaxReferences[0];
            if (!_compilation.ContainsSyntaxTree(reference.SyntaxTree))
            {
                return null;
            }

            var syntax = reference.GetSyntax();
            if (syntax.ContainsDiagnostics || syntax is not (BaseMethodDeclarationSyntax or LocalFunctionStatementSyntax or AccessorDeclarationSyntax or ArrowExpressionClauseSyntax))
            {
                return null;
            }

#pragma warning disable RS1030 // Only the body of a method a rule reaches with an interesting argument is bound, once per compilation.
            var root = _compilation.GetSemanticModel(reference.SyntaxTree).GetOperation(syntax);
#pragma warning restore RS1030
            if (root is null)
            {
                return null;
            }

            var returned = ImmutableArray.CreateBuilder<IOperation>();
            foreach (var node in root.Descendants())
            {
                if (node.Kind == OperationKind.YieldReturn)
                {
                    return null; // an iterator returns its values lazily, one by one
                }

                if (node is IReturnOperation { ReturnedValue: { } value } && !IsInsideNestedFunction(node, root))
                {
                    returned.Add(value);
                }
            }

            return new Body(method, root, returned.ToImmutable(), syntax.GetLocation());
        }

        private static bool HasKnownBody(IMethodSymbol method)
        {
            if (method.IsAbstract || method.IsVirtual || method.IsExtern || method.ContainingType is not { } type || type.TypeKind == TypeKind.Interface)
            {
                return false;
            }

            if (method.IsOverride && !method.IsSealed && !type.IsSealed)
            {
                return false;
            }

            switch (method.MethodKind)
            {
                case MethodKind.Ordinary:
                case MethodKind.LocalFunction:
                case MethodKind.ReducedExtension:
                    return true;
                case MethodKind.PropertyGet:
                    return method.AssociatedSymbol is IPropertySymbol { IsVirtual: false, IsAbstract: false } property && (!property.IsOverride || property.IsSealed || type.IsSealed);
                default:
                    return false;
            }
        }

        /// <summary>A method's own body: its operation root and the values it returns.</summary>
        internal sealed class Body
        {
            public Body(IMethodSymbol method, IOperation root, ImmutableArray<IOperation> returned, Location location)
            {
                Method = method;
                Root = root;
                Returned = returned;
                Location = location;
            }

            public IMethodSymbol Method { get; }

            public IOperation Root { get; }

            public ImmutableArray<IOperation> Returned { get; }

            public Location Location { get; }
        }

        /// <summary>Where a parameter's value ends: the sink call, and the calls it went through on the way (outermost first).</summary>
        internal sealed class SinkPath
        {
            public SinkPath(IInvocationOperation sink, ImmutableArray<Location> steps)
            {
                Sink = sink;
                Steps = steps;
            }

            /// <summary>The sink invocation, in the innermost method.</summary>
            public IInvocationOperation Sink { get; }

            /// <summary>The nested call sites, outermost first, then the sink call.</summary>
            public ImmutableArray<Location> Steps { get; }

            public SinkPath Through(Location call) => new SinkPath(Sink, Steps.Insert(0, call));
        }

        /// <summary>Leaves a followed call (see <see cref="Follow"/>).</summary>
        internal readonly struct CallScope : IDisposable
        {
            public void Dispose() => t_callsFollowed--;
        }

        /// <summary>Restores call following (see <see cref="WithoutCalls"/>).</summary>
        internal readonly struct NoCallScope : IDisposable
        {
            private readonly bool _previous;

            public NoCallScope(bool previous) => _previous = previous;

            public void Dispose() => t_callsDisabled = _previous;
        }

        private sealed class MethodLevelComparer : IEqualityComparer<(IMethodSymbol Method, int Level)>
        {
            public bool Equals((IMethodSymbol Method, int Level) x, (IMethodSymbol Method, int Level) y) =>
                x.Level == y.Level && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

            public int GetHashCode((IMethodSymbol Method, int Level) obj) => SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31 + obj.Level;
        }

        private sealed class MethodLevelSinkComparer : IEqualityComparer<(IMethodSymbol Method, int Level, string Sink)>
        {
            public bool Equals((IMethodSymbol Method, int Level, string Sink) x, (IMethodSymbol Method, int Level, string Sink) y) =>
                x.Level == y.Level && string.Equals(x.Sink, y.Sink, StringComparison.Ordinal) && SymbolEqualityComparer.Default.Equals(x.Method, y.Method);

            public int GetHashCode((IMethodSymbol Method, int Level, string Sink) obj) =>
                (SymbolEqualityComparer.Default.GetHashCode(obj.Method) * 31 + obj.Level) * 31 + StringComparer.Ordinal.GetHashCode(obj.Sink);
        }
    }
}
