using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2004: a key, IV or nonce that is the same in every run. The value given to a key position (<c>SymmetricAlgorithm.Key</c>,
    /// <c>KeyedHashAlgorithm.Key</c>, <c>CreateEncryptor(key, iv)</c>, <c>SetKey</c>, <c>new AesGcm(key)</c>, <c>new HMACSHA256(key)</c>,
    /// <c>HMACSHA256.HashData(key, ...)</c>, <c>IncrementalHash.CreateHMAC</c>) or an IV/nonce position (<c>SymmetricAlgorithm.IV</c>,
    /// the IV of <c>CreateEncryptor</c>/<c>EncryptCbc</c>/<c>DecryptCbc</c>/<c>EncryptCfb</c>, the nonce of <c>AesGcm.Encrypt</c>) is a
    /// byte-array literal, a collection expression, <c>new byte[n]</c> (all zeros), the bytes of a string literal
    /// (<c>Encoding.*.GetBytes</c>, <c>Convert.FromBase64String</c>/<c>FromHexString</c>, <c>"..."u8</c>), or a readonly field, const
    /// or single-assignment local initialised with one; an IV or nonce read from a field not rewritten earlier in the same method is
    /// reused. A string literal SS3003 already reports as a credential is left to SS3003.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2004HardcodedCryptoKeyAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>How many fields or locals a value is followed through (<c>aes.Key = key</c>, <c>var key = s_key</c>, <c>s_key = ...</c>).</summary>
        private const int MaxFollow = 3;

        private enum Position
        {
            Key,
            IV,
            Nonce,
        }

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS2004HardcodedCryptoKey);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var symmetric = KnownTypes.Get(start.Compilation, "System.Security.Cryptography.SymmetricAlgorithm");
                var keyedHash = KnownTypes.Get(start.Compilation, "System.Security.Cryptography.KeyedHashAlgorithm");
                var encoding = KnownTypes.Get(start.Compilation, "System.Text.Encoding");
                if (symmetric is null || keyedHash is null || encoding is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeAssignment(c, symmetric, keyedHash, encoding), OperationKind.SimpleAssignment);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, symmetric, keyedHash, encoding), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, keyedHash, encoding), OperationKind.ObjectCreation);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol symmetric, INamedTypeSymbol keyedHash, INamedTypeSymbol encoding)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "Key" or "IV" } target)
            {
                return;
            }

            var owner = target.Property.ContainingType;
            bool isIV = target.Property.Name == "IV";
            if (owner.InheritsFrom(symmetric) || (!isIV && owner.InheritsFrom(keyedHash)))
            {
                string where = "'" + CipherCode.Describe(target.Instance, owner) + "." + target.Property.Name + "'";
                Judge(context, encoding, assignment.Value, isIV ? Position.IV : Position.Key, where);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol symmetric, INamedTypeSymbol keyedHash, INamedTypeSymbol encoding)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "CreateEncryptor":
                case "CreateDecryptor":
                case "SetKey":
                case "EncryptCbc":
                case "DecryptCbc":
                case "EncryptCfb":
                case "DecryptCfb":
                case "TryEncryptCbc":
                case "TryDecryptCbc":
                case "TryEncryptCfb":
                case "TryDecryptCfb":
                    if (method.ContainingType.InheritsFrom(symmetric))
                    {
                        JudgeArguments(context, encoding, invocation);
                    }

                    break;
                case "Encrypt":
                    if (method.ContainingType.Name is "AesGcm" or "AesCcm" or "ChaCha20Poly1305" && CryptoAlgorithms.IsCryptography(method.ContainingType))
                    {
                        JudgeArguments(context, encoding, invocation);
                    }

                    break;
                case "HashData":
                case "HashDataAsync":
                case "TryHashData":
                case "CreateHMAC":
                    if (method.IsStatic && CryptoAlgorithms.IsCryptography(method.ContainingType) &&
                        (method.ContainingType.InheritsFrom(keyedHash) || method.ContainingType.Name == "IncrementalHash"))
                    {
                        JudgeArguments(context, encoding, invocation);
                    }

                    break;
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, INamedTypeSymbol keyedHash, INamedTypeSymbol encoding)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            var type = creation.Type as INamedTypeSymbol;
            if (type is not null && CryptoAlgorithms.IsCryptography(type) &&
                (type.Name is "AesGcm" or "AesCcm" or "ChaCha20Poly1305" || type.InheritsFrom(keyedHash)) &&
                creation.Arguments.ArgumentFor("key") is { } key)
            {
                Judge(context, encoding, key, Position.Key, "The key of new " + type.Name);
            }
        }

        private static void JudgeArguments(OperationAnalysisContext context, INamedTypeSymbol encoding, IInvocationOperation invocation)
        {
            string call = CipherCode.Describe(invocation.Instance, invocation.TargetMethod.ContainingType) + "." + invocation.TargetMethod.Name;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit)
                {
                    continue;
                }

                switch (argument.Parameter?.Name)
                {
                    case "key":
                    case "rgbKey":
                        Judge(context, encoding, argument.Value, Position.Key, "The key of " + call);
                        break;
                    case "iv":
                    case "rgbIV":
                        Judge(context, encoding, argument.Value, Position.IV, "The IV of " + call);
                        break;
                    case "nonce":
                        Judge(context, encoding, argument.Value, Position.Nonce, "The nonce of " + call);
                        break;
                }
            }
        }

        private static void Judge(OperationAnalysisContext context, INamedTypeSymbol encoding, IOperation value, Position position, string where)
        {
            var source = new Follower(context, encoding, value.Syntax).ConstantSource(value, 0);
            if (source == Source.Silenced)
            {
                return;
            }

            string? what = source?.Description;
            if (what is null && position != Position.Key && Unwrap(value) is IFieldReferenceOperation { Field.IsConst: false } field &&
                !WrittenEarlierInMember(field.Field.Name, value.Syntax))
            {
                what = (position == Position.IV ? "an IV" : "a nonce") + " reused from field '" + field.Field.Name + "'";
            }

            if (what is not null)
            {
                context.ReportDiagnostic(MethodSummaries.Report(
                    Descriptors.SS2004HardcodedCryptoKey, value.Syntax.GetLocation(), source?.Steps ?? Array.Empty<(Location, string)>(), where, what));
            }
        }

        /// <summary>A field rewritten before this use in the same member (<c>_iv = RandomNumberGenerator.GetBytes(16)</c>, <c>Fill(_iv)</c>) is fresh per call.</summary>
        private static bool WrittenEarlierInMember(string field, SyntaxNode use) =>
            CipherCode.MayBeWritten(field, CipherCode.MemberScope(use), except: null, before: use.SpanStart);

        /// <summary>The value under conversions and copies that keep its bytes: <c>x.ToArray()</c>, <c>x.AsSpan()</c>, <c>new ReadOnlySpan&lt;byte&gt;(x)</c>.</summary>
        private static IOperation Unwrap(IOperation value)
        {
            while (true)
            {
                value = value.WithoutConversions();
                switch (value)
                {
                    case IInvocationOperation { TargetMethod.Name: "ToArray" or "AsSpan" or "AsMemory" or "Clone", Arguments.IsEmpty: true, Instance: { } instance }:
                        value = instance;
                        break;
                    case IInvocationOperation { TargetMethod: { Name: "AsSpan" or "AsMemory", IsExtensionMethod: true }, Arguments.Length: 1 } extension:
                        value = extension.Arguments[0].Value;
                        break;
                    case IObjectCreationOperation { Type.Name: "ReadOnlySpan" or "Span" or "ReadOnlyMemory" or "Memory", Arguments.Length: 1 } span:
                        value = span.Arguments[0].Value;
                        break;
                    default:
                        return value;
                }
            }
        }

        /// <summary>Where a constant key came from, for the message; <see cref="Silenced"/> when SS3003 reports its literal.</summary>
        private sealed class Source
        {
            public static readonly Source Silenced = new Source(string.Empty);

            public Source(string description, IReadOnlyList<(Location, string)>? steps = null)
            {
                Description = description;
                Steps = steps ?? Array.Empty<(Location, string)>();
            }

            public string Description { get; }

            /// <summary>The project methods the constant came back from: where each returns it (additional locations).</summary>
            public IReadOnlyList<(Location, string)> Steps { get; }
        }

        /// <summary>Follows a value to the constant it is made of, through readonly fields, consts and single-assignment locals.</summary>
        private sealed class Follower
        {
            private readonly OperationAnalysisContext _context;
            private readonly INamedTypeSymbol _encoding;
            private readonly SyntaxNode _use;

            public Follower(OperationAnalysisContext context, INamedTypeSymbol encoding, SyntaxNode use)
            {
                _context = context;
                _encoding = encoding;
                _use = use;
            }

            public Source? ConstantSource(IOperation value, int depth)
            {
                value = Unwrap(value);
                if (value.Syntax.ContainsDiagnostics)
                {
                    return null;
                }

                if (value.Syntax is CollectionExpressionSyntax collection)
                {
                    return collection.Elements.Count > 0 && AllConstant(collection, value.SemanticModel) ? new Source("a byte-array literal") : null;
                }

                switch (value)
                {
                    case IArrayCreationOperation { Initializer: { } initializer }:
                        return !initializer.ElementValues.IsEmpty && AllConstant(initializer) ? new Source("a byte-array literal") : null;
                    case IArrayCreationOperation:
                        return new Source("an all-zero array");
                    case IArrayInitializerOperation initializer:
                        // byte[] key = { 1, 2, 3 }: the initializer is what the declaration's value binds to.
                        return !initializer.ElementValues.IsEmpty && AllConstant(initializer) ? new Source("a byte-array literal") : null;
                    case IUtf8StringOperation:
                        return new Source("the bytes of a string literal");
                    case IInvocationOperation invocation:
                        return FromString(invocation, depth) ?? Annotate(FromProjectMethod(invocation, depth), invocation.TargetMethod, depth);
                    case IFieldReferenceOperation field when depth < MaxFollow && (field.Field.IsReadOnly || field.Field.IsConst):
                        return Annotate(Initializer(field.Field, depth), field.Field, depth);
                    case IPropertyReferenceOperation property when depth < MaxFollow && property.Property.IsReadOnly && property.Arguments.IsEmpty:
                        return Annotate(Initializer(property.Property, depth), property.Property, depth);
                    case ILocalReferenceOperation local when depth < MaxFollow:
                        return Annotate(Initializer(local.Local, depth), local.Local, depth);
                    default:
                        return null;
                }
            }

            /// <summary><c>Encoding.*.GetBytes("...")</c>, <c>Convert.FromBase64String("...")</c>, <c>Convert.FromHexString("...")</c>.</summary>
            private Source? FromString(IInvocationOperation invocation, int depth)
            {
                var method = invocation.TargetMethod;
                string? description =
                    method.Name == "GetBytes" && method.ContainingType.InheritsFrom(_encoding) ? "the bytes of a string literal"
                    : method.Name is "FromBase64String" or "FromHexString" && method.ContainingType.Name == "Convert" && method.ContainingType.ContainingNamespace?.Name == "System" ? "decoded from a string literal"
                    : null;
                if (description is null || invocation.Arguments.Length != 1)
                {
                    return null;
                }

                var argument = invocation.Arguments[0];
                return StringLiteral(argument.Value.WithoutConversions(), argument.Parameter, depth, description);
            }

            /// <summary>
            /// The project's own method (<see cref="MethodSummaries"/>, at most <see cref="MethodSummaries.MaxCalls"/> deep) whose every
            /// <c>return</c> is a constant key (<c>static byte[] GetKey() =&gt; Encoding.UTF8.GetBytes("...")</c>), or the parameter it
            /// was given a constant for. One return of anything else (a key store, a random key) makes the result unknown.
            /// </summary>
            private Source? FromProjectMethod(IInvocationOperation invocation, int depth)
            {
                var summaries = MethodSummaries.For(_context.Compilation);
                if (!MethodSummaries.CanFollow || summaries.BodyOf(invocation.TargetMethod) is not { } body || body.Returned.IsEmpty)
                {
                    return null;
                }

                Source? result = null;
                var steps = new List<(Location, string)>();
                foreach (var returned in body.Returned)
                {
                    Source? source;
                    if (returned.WithoutConversions() is IParameterReferenceOperation parameter &&
                        SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, body.Method))
                    {
                        var argument = MethodSummaries.Argument(invocation, parameter.Parameter.Ordinal);
                        source = argument is null ? null : ConstantSource(argument, depth + 1);
                    }
                    else
                    {
                        using (MethodSummaries.Follow())
                        {
                            source = ConstantSource(returned, depth + 1);
                        }
                    }

                    if (source is null || source == Source.Silenced)
                    {
                        return source;
                    }

                    result ??= source;
                    steps.Add((returned.Syntax.GetLocation(), "'" + body.Method.Name + "' returns " + source.Description + " here"));
                    steps.AddRange(source.Steps);
                }

                return result is null ? null : new Source(result.Description, steps);
            }

            /// <summary>A string literal, or a const, readonly field or local initialised with one; silenced when SS3003 reports that literal.</summary>
            private Source? StringLiteral(IOperation operand, ISymbol? namedBy, int depth, string description)
            {
                if (operand is ILiteralOperation literal)
                {
                    return HardcodedCredential.IsReported(namedBy, literal) ? Source.Silenced : new Source(description);
                }

                ISymbol? symbol = operand switch
                {
                    IFieldReferenceOperation { Field: { } field } when field.IsConst || field.IsReadOnly => field,
                    ILocalReferenceOperation { Local: { } local } => local,
                    _ => null,
                };
                if (symbol is not null && depth < MaxFollow && InitializerOf(symbol) is { } initializer && !Reassigned(symbol, initializer) &&
                    ModelFor(initializer.SyntaxTree)?.GetOperation(initializer) is { } value)
                {
                    return Annotate(StringLiteral(value.WithoutConversions(), symbol, depth + 1, description), symbol, depth);
                }

                return operand.ConstantValue.Value is string ? new Source(description) : null;
            }

            private Source? Initializer(ISymbol symbol, int depth)
            {
                var initializer = InitializerOf(symbol);
                if (initializer is null || Reassigned(symbol, initializer))
                {
                    return null;
                }

                var operation = ModelFor(initializer.SyntaxTree)?.GetOperation(initializer);
                return operation is null ? null : ConstantSource(operation, depth + 1);
            }

            /// <summary>A local reassigned or filled after its declaration, or a field filled anywhere in its type, holds other bytes than its initializer.</summary>
            private bool Reassigned(ISymbol symbol, ExpressionSyntax initializer)
            {
                if (symbol is IFieldSymbol { IsConst: true })
                {
                    return false;
                }

                var type = symbol switch
                {
                    ILocalSymbol local => local.Type,
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    _ => null,
                };
                bool mutable = type?.SpecialType != SpecialType.System_String;
                if (symbol is ILocalSymbol)
                {
                    return CipherCode.MayBeWritten(symbol.Name, CipherCode.MemberScope(initializer), SinkOf(_use), int.MaxValue, mutable);
                }

                foreach (var reference in symbol.ContainingType.DeclaringSyntaxReferences)
                {
                    if (CipherCode.MayBeWritten(symbol.Name, reference.GetSyntax(), SinkOf(_use), int.MaxValue, mutable))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The initial value of a field, local or get-only property (<c>= value</c>, or <c>=&gt; value</c> for a property).</summary>
            private static ExpressionSyntax? InitializerOf(ISymbol symbol)
            {
                foreach (var reference in symbol.DeclaringSyntaxReferences)
                {
                    switch (reference.GetSyntax())
                    {
                        case VariableDeclaratorSyntax { Initializer.Value: { } value }:
                            return value;
                        case PropertyDeclarationSyntax { Initializer.Value: { } value }:
                            return value;
                        case PropertyDeclarationSyntax { ExpressionBody.Expression: { } body }:
                            return body;
                    }
                }

                return null;
            }

            private SemanticModel? ModelFor(SyntaxTree tree)
            {
                if (_context.Operation.SemanticModel?.SyntaxTree == tree)
                {
                    return _context.Operation.SemanticModel;
                }

                if (!_context.Compilation.ContainsSyntaxTree(tree))
                {
                    return null;
                }

#pragma warning disable RS1030 // One initializer of a field declared in another file is bound, only when a key position reads that field.
                return _context.Compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
            }

            /// <summary>Names the field, const, property or local the message's value was read from: "a byte-array literal (field 'KeyBytes')".</summary>
            private static Source? Annotate(Source? source, ISymbol symbol, int depth) =>
                source is null || source == Source.Silenced || depth > 0 ? source : new Source(source.Description + " (" + Kind(symbol) + " '" + symbol.Name + "')", source.Steps);

            private static string Kind(ISymbol symbol) => symbol switch
            {
                IFieldSymbol { IsConst: true } => "const",
                IFieldSymbol => "field",
                IPropertySymbol => "property",
                IMethodSymbol => "returned by method",
                _ => "local",
            };

            /// <summary>The statement that uses the key: its own mention of a local is not a write.</summary>
            private static SyntaxNode SinkOf(SyntaxNode use) => use.Parent is ArgumentSyntax { Parent.Parent: { } call } ? call : use;

            private static bool AllConstant(IArrayInitializerOperation initializer)
            {
                foreach (var element in initializer.ElementValues)
                {
                    if (!element.ConstantValue.HasValue)
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool AllConstant(CollectionExpressionSyntax collection, SemanticModel? model)
            {
                foreach (var element in collection.Elements)
                {
                    if (element is not ExpressionElementSyntax expression || model is null || !model.GetConstantValue(expression.Expression).HasValue)
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
