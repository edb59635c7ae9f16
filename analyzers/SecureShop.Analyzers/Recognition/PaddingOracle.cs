using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Where CBC without a MAC is a padding oracle: the types of a compilation that decrypt CBC ciphertext a client can hand
    /// back. A decryption (<c>CreateDecryptor</c> on a cipher in CBC mode, <c>DecryptCbc</c>, <c>TryDecryptCbc</c>) counts when the
    /// method that does it, or a method that calls that method (one hop), takes in request data
    /// (<see cref="RequestHandling.TakesRequestData"/>): the ciphertext then round-trips through a cookie, a URL, a form or a
    /// request body, and the server's "bad padding" answers decrypt it. Ciphertext that never leaves the process, or is only
    /// read back from the shop's own store, gives an attacker no oracle to ask.
    /// Computed once per compilation, on demand: only invocations named like a CBC decryption, and calls of the methods that
    /// hold one, are bound.
    /// </summary>
    internal sealed class PaddingOracle
    {
        private static readonly ImmutableHashSet<string> s_decryptions = ImmutableHashSet.Create(
            StringComparer.Ordinal, "CreateDecryptor", "DecryptCbc", "TryDecryptCbc");

        private readonly Compilation _compilation;
        private readonly INamedTypeSymbol _symmetric;
        private readonly Lazy<ImmutableHashSet<INamedTypeSymbol>> _exposed;

        private PaddingOracle(Compilation compilation, INamedTypeSymbol symmetric, CancellationToken cancellationToken)
        {
            _compilation = compilation;
            _symmetric = symmetric;
            _exposed = new Lazy<ImmutableHashSet<INamedTypeSymbol>>(() => Compute(cancellationToken), LazyThreadSafetyMode.ExecutionAndPublication);
        }

        public static PaddingOracle For(Compilation compilation, INamedTypeSymbol symmetric, CancellationToken cancellationToken) =>
            new PaddingOracle(compilation, symmetric, cancellationToken);

        /// <summary>True when <paramref name="type"/> (an outermost type) decrypts CBC ciphertext that a client can send back.</summary>
        public bool CanHold(INamedTypeSymbol type) => _exposed.Value.Contains(type.OriginalDefinition);

        private ImmutableHashSet<INamedTypeSymbol> Compute(CancellationToken cancellationToken)
        {
            var exposed = ImmutableHashSet.CreateBuilder<INamedTypeSymbol>(SymbolEqualityComparer.Default);
            var decryptingMethods = new List<(IMethodSymbol Method, INamedTypeSymbol Type)>();
            foreach (var tree in _compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } invocation ||
                        !s_decryptions.Contains(member.Name.Identifier.ValueText))
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Once per compilation, only for invocations named like a CBC decryption.
                    model ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (model.GetOperation(invocation, cancellationToken) is not IInvocationOperation call || !IsCbcDecryption(call) ||
                        model.GetEnclosingSymbol(invocation.SpanStart, cancellationToken) is not IMethodSymbol method ||
                        Outermost(method.ContainingType) is not { } type)
                    {
                        continue;
                    }

                    if (RequestHandling.TakesRequestData(invocation, model, cancellationToken))
                    {
                        exposed.Add(type);
                    }
                    else if (method.MethodKind == MethodKind.Ordinary)
                    {
                        decryptingMethods.Add((method.OriginalDefinition, type));
                    }
                }
            }

            foreach (var (method, type) in decryptingMethods)
            {
                if (!exposed.Contains(type) && CalledWithRequestData(method, cancellationToken))
                {
                    exposed.Add(type);
                }
            }

            return exposed.ToImmutable();
        }

        /// <summary>A decryption on a symmetric cipher that is in CBC mode, or whose mode is set out of view (CBC is the default).</summary>
        private bool IsCbcDecryption(IInvocationOperation call)
        {
            if (!call.TargetMethod.ContainingType.InheritsFrom(_symmetric))
            {
                return false;
            }

            if (call.TargetMethod.Name != "CreateDecryptor" || CipherCode.NameOf(call.Instance) is not string name)
            {
                return true;
            }

            return CipherCode.IsCbc(name, CipherCode.ScopeOf(call.Instance, call));
        }

        /// <summary>Some call of <paramref name="method"/> sits in code that takes in request data.</summary>
        private bool CalledWithRequestData(IMethodSymbol method, CancellationToken cancellationToken)
        {
            foreach (var tree in _compilation.SyntaxTrees)
            {
                if (tree.GetText(cancellationToken).ToString().IndexOf(method.Name, StringComparison.Ordinal) < 0)
                {
                    continue;
                }

                SemanticModel? model = null;
                foreach (var invocation in tree.GetRoot(cancellationToken).DescendantNodes())
                {
                    if (invocation is not InvocationExpressionSyntax call || Name(call.Expression) != method.Name)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Only calls named like a method that decrypts CBC, once per such method.
                    model ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (model.GetSymbolInfo(call, cancellationToken).Symbol is IMethodSymbol target &&
                        SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method) &&
                        RequestHandling.TakesRequestData(call, model, cancellationToken))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static string? Name(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        private static INamedTypeSymbol? Outermost(INamedTypeSymbol? type)
        {
            while (type?.ContainingType is not null)
            {
                type = type.ContainingType;
            }

            return type?.OriginalDefinition;
        }
    }
}
