using System;
using System.Collections.Concurrent;
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
    /// SS2003: a symmetric cipher in ECB mode (<c>Mode = CipherMode.ECB</c>, <c>EncryptEcb</c>/<c>DecryptEcb</c>), without padding
    /// (<c>Padding = PaddingMode.None</c> or <c>Zeros</c> in a block mode, the padding argument of <c>EncryptCbc</c>), CBC encryption
    /// (<c>CreateEncryptor</c> in the default or an explicit CBC mode, <c>EncryptCbc</c>) in a type that computes no MAC and decrypts
    /// CBC ciphertext a client can send back (<see cref="PaddingOracle"/>: the padding-oracle condition), and RSA
    /// encryption with PKCS#1 v1.5 padding (<c>RSAEncryptionPadding.Pkcs1</c>, <c>RSACryptoServiceProvider.Encrypt(data, false)</c>).
    /// <c>CreateEncryptor</c> is judged only on a cipher created in view (a local, field or property assigned <c>Aes.Create()</c> or
    /// <c>new ...</c>), whose mode assignments can be read. Decryption in CBC mode is not reported: reading legacy data is not the mistake.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2003InsecureCipherModeAnalyzer : DiagnosticAnalyzer
    {
        private const int CipherModeEcb = 2;
        private const int PaddingModeNone = 1;
        private const int PaddingModeZeros = 3;

        private const string EcbProblem = "ECB mode encrypts equal blocks to equal ciphertext; use AesGcm";
        private const string PkcsProblem = "PKCS#1 v1.5 encryption padding is open to padding-oracle attacks; use RSAEncryptionPadding.OaepSHA256";

        /// <summary>Types and methods whose mention in a type means it authenticates what it encrypts (see rules/SS2003.md).</summary>
        private static readonly ImmutableHashSet<string> s_integrityNames = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "KeyedHashAlgorithm", "AesGcm", "AesCcm", "ChaCha20Poly1305", "IDataProtector", "IDataProtectionProvider", "ITimeLimitedDataProtector",
            "SignData", "SignHash");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS2003InsecureCipherMode);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var symmetric = KnownTypes.Get(start.Compilation, "System.Security.Cryptography.SymmetricAlgorithm");
                var cipherMode = KnownTypes.Get(start.Compilation, "System.Security.Cryptography.CipherMode");
                var paddingMode = KnownTypes.Get(start.Compilation, "System.Security.Cryptography.PaddingMode");
                if (symmetric is null || cipherMode is null || paddingMode is null)
                {
                    return;
                }

                var rsa = KnownTypes.Get(start.Compilation, "System.Security.Cryptography.RSA");
                var integrity = SharedCache.Create<INamedTypeSymbol, bool>(SymbolEqualityComparer.Default);
                start.RegisterOperationAction(c => AnalyzeAssignment(c, symmetric, cipherMode, paddingMode), OperationKind.SimpleAssignment);
                var oracle = PaddingOracle.For(start.Compilation, symmetric, start.CancellationToken);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, symmetric, rsa, new CbcExposure(integrity, oracle)), OperationKind.Invocation);
            });
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context, INamedTypeSymbol symmetric, INamedTypeSymbol cipherMode, INamedTypeSymbol paddingMode)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property.Name: "Mode" or "Padding" } target ||
                assignment.Value.ConstantValue.Value is not int value ||
                !target.Property.ContainingType.InheritsFrom(symmetric))
            {
                return;
            }

            string where = CipherCode.Describe(target.Instance, target.Property.ContainingType) + "." + target.Property.Name;
            if (target.Property.Name == "Mode" && IsEnum(assignment.Value, cipherMode) && value == CipherModeEcb)
            {
                Report(context, assignment.Syntax, where, EcbProblem);
            }
            else if (target.Property.Name == "Padding" && IsEnum(assignment.Value, paddingMode) && value is PaddingModeNone or PaddingModeZeros &&
                     InBlockMode(target.Instance, assignment))
            {
                Report(context, assignment.Syntax, where, PaddingProblem(value));
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol symmetric, INamedTypeSymbol? rsa, CbcExposure cbc)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            switch (method.Name)
            {
                case "EncryptEcb":
                case "DecryptEcb":
                case "TryEncryptEcb":
                case "TryDecryptEcb":
                    if (method.ContainingType.InheritsFrom(symmetric))
                    {
                        Report(context, invocation.Syntax, Where(invocation), EcbProblem);
                    }

                    break;
                case "EncryptCbc":
                case "TryEncryptCbc":
                    if (method.ContainingType.InheritsFrom(symmetric))
                    {
                        var problems = new List<string>(2);
                        if (invocation.Arguments.ArgumentFor("paddingMode")?.ConstantValue.Value is int padding && padding is PaddingModeNone or PaddingModeZeros)
                        {
                            problems.Add(PaddingProblem(padding));
                        }

                        if (cbc.IsPaddingOracle(context))
                        {
                            problems.Add(CbcProblem(context));
                        }

                        if (problems.Count > 0)
                        {
                            Report(context, invocation.Syntax, Where(invocation), string.Join("; and ", problems));
                        }
                    }

                    break;
                case "CreateEncryptor":
                    if (method.ContainingType.InheritsFrom(symmetric) && CipherCode.NameOf(invocation.Instance) is string name)
                    {
                        var scopes = CipherCode.ScopeOf(invocation.Instance, invocation);
                        if (CipherCode.CreatedInScope(name, scopes) && CipherCode.IsCbc(name, scopes) && cbc.IsPaddingOracle(context))
                        {
                            Report(context, invocation.Syntax, Where(invocation), CbcProblem(context));
                        }
                    }

                    break;
                case "Encrypt":
                case "Decrypt":
                case "TryEncrypt":
                case "TryDecrypt":
                    if (rsa is not null && method.ContainingType.InheritsFrom(rsa) && UsesPkcs1EncryptionPadding(invocation))
                    {
                        Report(context, invocation.Syntax, Where(invocation), PkcsProblem);
                    }

                    break;
            }
        }

        /// <summary><c>RSAEncryptionPadding.Pkcs1</c> as the padding, or <c>false</c> as <c>RSACryptoServiceProvider</c>'s fOAEP.</summary>
        private static bool UsesPkcs1EncryptionPadding(IInvocationOperation invocation)
        {
            var padding = invocation.Arguments.ArgumentFor("padding")?.WithoutConversions();
            if (padding is IPropertyReferenceOperation { Property: { Name: "Pkcs1", IsStatic: true, ContainingType.Name: "RSAEncryptionPadding" } })
            {
                return true;
            }

            return invocation.Arguments.ArgumentFor("fOAEP")?.ConstantValue.Value is false;
        }

        /// <summary>Padding matters in the block modes: skip <c>PaddingMode.None</c> on a cipher set to CFB or OFB, stream-like modes.</summary>
        private static bool InBlockMode(IOperation? instance, IOperation use)
        {
            if (CipherCode.NameOf(instance) is not string name)
            {
                return true;
            }

            foreach (var value in CipherCode.ValuesAssigned(name, "Mode", CipherCode.ScopeOf(instance, use)))
            {
                if (CipherCode.ModeName(value) is "CFB" or "OFB")
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>
        /// CBC encryption is a finding where the padding-oracle condition can hold: the type computes no MAC and it decrypts
        /// CBC ciphertext that a client can send back (<see cref="PaddingOracle"/>).
        /// </summary>
        private sealed class CbcExposure
        {
            private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _integrity;
            private readonly PaddingOracle _oracle;

            public CbcExposure(ConcurrentDictionary<INamedTypeSymbol, bool> integrity, PaddingOracle oracle)
            {
                _integrity = integrity;
                _oracle = oracle;
            }

            public bool IsPaddingOracle(OperationAnalysisContext context)
            {
                if (HasIntegrity(context, _integrity))
                {
                    return false;
                }

                var type = context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType;
                while (type?.ContainingType is not null)
                {
                    type = type.ContainingType;
                }

                return type is not null && _oracle.CanHold(type);
            }
        }

        /// <summary>
        /// True when the type (or the type it is nested in) mentions a MAC, an authenticated cipher, data protection or a signature:
        /// an identifier that is one of <see cref="s_integrityNames"/>, starts with HMAC, or has the word Mac, Hmac or Signature.
        /// Judged on the tokens of every part of the type, once per type.
        /// </summary>
        private static bool HasIntegrity(OperationAnalysisContext context, ConcurrentDictionary<INamedTypeSymbol, bool> cache)
        {
            var type = context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType;
            while (type?.ContainingType is not null)
            {
                type = type.ContainingType;
            }

            return type is null || cache.GetOrAdd(type, MentionsIntegrity);
        }

        private static bool MentionsIntegrity(INamedTypeSymbol type)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var token in reference.GetSyntax().DescendantTokens())
                {
                    if (token.IsKind(SyntaxKind.IdentifierToken) && IsIntegrityName(token.ValueText))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool IsIntegrityName(string identifier)
        {
            if (s_integrityNames.Contains(identifier) || identifier.StartsWith("HMAC", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            foreach (var word in NameWords.Split(identifier))
            {
                if (word is "mac" or "hmac" or "signature")
                {
                    return true;
                }
            }

            return false;
        }

        private static string CbcProblem(OperationAnalysisContext context)
        {
            var type = context.ContainingSymbol as INamedTypeSymbol ?? context.ContainingSymbol.ContainingType;
            return "CBC encryption and no MAC in '" + type?.Name + "'; use AesGcm, or HMAC-SHA256 over IV and ciphertext";
        }

        private static string PaddingProblem(int padding) => padding == PaddingModeZeros
            ? "PaddingMode.Zeros cannot tell trailing zero bytes from padding; use PaddingMode.PKCS7"
            : "PaddingMode.None leaves padding to hand-written code; use PaddingMode.PKCS7";

        private static string Where(IInvocationOperation invocation) =>
            CipherCode.Describe(invocation.Instance, invocation.TargetMethod.ContainingType) + "." + invocation.TargetMethod.Name;

        private static bool IsEnum(IOperation value, INamedTypeSymbol enumType) =>
            SymbolEqualityComparer.Default.Equals(value.Type, enumType);

        private static void Report(OperationAnalysisContext context, SyntaxNode node, string where, string problem) =>
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS2003InsecureCipherMode, node.GetLocation(), where, problem));
    }
}
