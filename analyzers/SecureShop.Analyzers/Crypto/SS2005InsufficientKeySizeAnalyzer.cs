using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2005: a constant key size under the minimum (RSA and DSA 2048 bits, elliptic curves 256, AES 128), given to a
    /// constructor (<c>new RSACryptoServiceProvider(1024)</c>, <c>new ECDsaCng(192)</c>), a <c>KeySize</c> setter (also in an
    /// object initializer) or <c>RSA.Create(int)</c>/<c>DSA.Create(int)</c>; a named curve under 256 bits chosen for a key
    /// (<c>ECCurve.NamedCurves.brainpoolP160r1</c>, <c>ECCurve.CreateFromFriendlyName("secp192r1")</c>,
    /// <c>ECCurve.CreateFromValue(oid)</c>); and <c>new RSACryptoServiceProvider()</c>/<c>new DSACryptoServiceProvider()</c>,
    /// whose default is 1024 bits, when the object generates its own key (no <c>Import*</c>/<c>FromXmlString</c>, no
    /// <c>KeySize</c>) and is used right there. Sizes that are not compile-time constants are not judged. DES, 3DES and RC2 key
    /// sizes are left to SS2002, which reports the cipher itself.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2005InsufficientKeySizeAnalyzer : DiagnosticAnalyzer
    {
        private const int LegacyCspDefault = 1024;

        private static readonly ImmutableDictionary<string, int> s_minimumBits = ImmutableDictionary.CreateRange(
            StringComparer.Ordinal,
            new[]
            {
                Minimum("RSA", 2048), Minimum("DSA", 2048), Minimum("ECDsa", 256), Minimum("ECDiffieHellman", 256), Minimum("Aes", 128), Minimum("Rijndael", 128),
            });

        private static readonly string[] s_curveNamePrefixes = { "brainpoolp", "secp", "sect", "prime", "nistp", "p-", "x962p", "ansip", "ecdsa_p", "ecdh_p" };

        /// <summary>OIDs of the curves under 256 bits that <c>ECCurve.CreateFromValue</c> may be given.</summary>
        private static readonly ImmutableDictionary<string, int> s_smallCurveOids = ImmutableDictionary.CreateRange(
            StringComparer.Ordinal,
            new[]
            {
                Minimum("1.2.840.10045.3.1.1", 192), Minimum("1.2.840.10045.3.1.2", 192), Minimum("1.2.840.10045.3.1.3", 192),
                Minimum("1.2.840.10045.3.1.4", 239), Minimum("1.2.840.10045.3.1.5", 239), Minimum("1.2.840.10045.3.1.6", 239),
                Minimum("1.3.132.0.6", 112), Minimum("1.3.132.0.7", 112), Minimum("1.3.132.0.28", 128), Minimum("1.3.132.0.29", 128),
                Minimum("1.3.132.0.8", 160), Minimum("1.3.132.0.9", 160), Minimum("1.3.132.0.30", 160), Minimum("1.3.132.0.31", 192),
                Minimum("1.3.132.0.32", 224), Minimum("1.3.132.0.33", 224),
                Minimum("1.3.132.0.1", 163), Minimum("1.3.132.0.2", 163), Minimum("1.3.132.0.15", 163), Minimum("1.3.132.0.24", 193),
                Minimum("1.3.132.0.25", 193), Minimum("1.3.132.0.26", 233), Minimum("1.3.132.0.27", 233), Minimum("1.3.132.0.3", 239),
                Minimum("1.3.36.3.3.2.8.1.1.1", 160), Minimum("1.3.36.3.3.2.8.1.1.2", 160), Minimum("1.3.36.3.3.2.8.1.1.3", 192),
                Minimum("1.3.36.3.3.2.8.1.1.4", 192), Minimum("1.3.36.3.3.2.8.1.1.5", 224), Minimum("1.3.36.3.3.2.8.1.1.6", 224),
            });

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS2005InsufficientKeySize);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Get(start.Compilation, "System.Security.Cryptography.AsymmetricAlgorithm") is null)
                {
                    return;
                }

                start.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
                start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
                start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
                if (KnownTypes.Get(start.Compilation, "System.Security.Cryptography.ECCurve+NamedCurves") is { } namedCurves)
                {
                    start.RegisterOperationAction(c => AnalyzeNamedCurve(c, namedCurves), OperationKind.PropertyReference);
                }
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (CryptoCreation.FamilyCreatedBy(creation) is not string family || !s_minimumBits.ContainsKey(family))
            {
                return;
            }

            if (KeySizeArgument(creation.Arguments) is int bits)
            {
                Judge(context, creation.Syntax, CryptoCreation.ApiName(creation), family, bits);
            }
            else if (creation.Arguments.IsEmpty && creation.Type!.Name is "RSACryptoServiceProvider" or "DSACryptoServiceProvider" &&
                     GeneratesDefaultKey(creation, context))
            {
                Judge(context, creation.Syntax, CryptoCreation.ApiName(creation) + "() without a key size", family, LegacyCspDefault);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!method.IsStatic || !CryptoAlgorithms.IsCryptography(method.ContainingType))
            {
                return;
            }

            if (CryptoCreation.FamilyCreatedBy(invocation) is string family && s_minimumBits.ContainsKey(family) &&
                KeySizeArgument(invocation.Arguments) is int bits)
            {
                Judge(context, invocation.Syntax, CryptoCreation.ApiName(invocation), family, bits);
            }
            else if (method.ContainingType.Name == "ECCurve" && method.Name is "CreateFromFriendlyName" or "CreateFromValue" &&
                     invocation.Arguments.Length == 1 && invocation.Arguments[0].Value.ConstantValue.Value is string name &&
                     CurveBits(name) is int curveBits && ChosenForAKey(invocation))
            {
                Judge(context, invocation.Syntax, "curve " + name, "ECDsa", curveBits);
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property.Name: "KeySize" } property &&
                assignment.Value.ConstantValue is { HasValue: true, Value: int bits } &&
                property.Instance?.Type is { } holder &&
                CryptoAlgorithms.FamilyOf(holder) is string family && s_minimumBits.ContainsKey(family))
            {
                Judge(context, assignment.Syntax, holder.Name + ".KeySize", family, bits);
            }
        }

        private static void AnalyzeNamedCurve(OperationAnalysisContext context, INamedTypeSymbol namedCurves)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            if (SymbolEqualityComparer.Default.Equals(reference.Property.ContainingType, namedCurves) &&
                CurveBits(reference.Property.Name) is int bits && ChosenForAKey(reference))
            {
                Judge(context, reference.Syntax, "curve " + reference.Property.Name, "ECDsa", bits);
            }
        }

        private static void Judge(OperationAnalysisContext context, SyntaxNode node, string api, string family, int bits)
        {
            int minimum = s_minimumBits[family];
            if (bits > 0 && bits < minimum)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SS2005InsufficientKeySize,
                    node.GetLocation(),
                    api,
                    bits.ToString(CultureInfo.InvariantCulture),
                    minimum.ToString(CultureInfo.InvariantCulture)));
            }
        }

        /// <summary>The constant given to a key-size parameter (<c>keySize</c>, <c>dwKeySize</c>, <c>keySizeInBits</c>).</summary>
        private static int? KeySizeArgument(ImmutableArray<IArgumentOperation> arguments)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter is { Type.SpecialType: SpecialType.System_Int32 } parameter &&
                    parameter.Name.IndexOf("KeySize", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return argument.Value.ConstantValue.Value is int bits ? bits : null;
                }
            }

            return null;
        }

        /// <summary>
        /// Does the parameterless CSP object make its own (1024-bit) key? Only when every use is a member call on it, none of
        /// which imports a key (<c>Import*</c>, <c>FromXmlString</c>) or sets <c>KeySize</c>. Passed on, returned or stored:
        /// the key may be imported elsewhere, so it is not judged.
        /// </summary>
        private static bool GeneratesDefaultKey(IObjectCreationOperation creation, OperationAnalysisContext context)
        {
            if (creation.Initializer is not null)
            {
                return false;
            }

            bool used = false;
            foreach (var use in CreatedObject.Uses(creation, context.CancellationToken))
            {
                switch (CreatedObject.MemberUsedOn(use))
                {
                    case IInvocationOperation call:
                        if (call.TargetMethod.Name.StartsWith("Import", StringComparison.Ordinal) || call.TargetMethod.Name == "FromXmlString")
                        {
                            return false;
                        }

                        used = true;
                        break;
                    case IPropertyReferenceOperation property:
                        if (property.Property.Name == "KeySize")
                        {
                            return false;
                        }

                        used = true;
                        break;
                    default:
                        return false;
                }
            }

            return used;
        }

        /// <summary>A curve given to a key (an argument, a stored value, a returned one), not one only read or compared.</summary>
        private static bool ChosenForAKey(IOperation curve) =>
            CreatedObject.Consumer(curve) is IArgumentOperation or IVariableInitializerOperation or ISimpleAssignmentOperation or IReturnOperation
                or IFieldInitializerOperation or IPropertyInitializerOperation;

        /// <summary>The size of a named curve under 256 bits by its name (<c>secp192r1</c>, <c>brainpoolP160r1</c>, <c>nistP224</c>) or OID; null otherwise.</summary>
        private static int? CurveBits(string name)
        {
            var trimmed = name.Trim();
            if (s_smallCurveOids.TryGetValue(trimmed, out var byOid))
            {
                return byOid;
            }

            foreach (var prefix in s_curveNamePrefixes)
            {
                if (trimmed.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
                {
                    int end = prefix.Length;
                    while (end < trimmed.Length && char.IsDigit(trimmed[end]))
                    {
                        end++;
                    }

                    return end > prefix.Length && int.TryParse(trimmed.Substring(prefix.Length, end - prefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var bits)
                        ? bits
                        : null;
                }
            }

            return null;
        }

        private static System.Collections.Generic.KeyValuePair<string, int> Minimum(string key, int bits) =>
            new System.Collections.Generic.KeyValuePair<string, int>(key, bits);
    }
}
