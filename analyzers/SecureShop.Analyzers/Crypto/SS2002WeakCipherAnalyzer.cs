using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2002: a DES, 3DES or RC2 cipher created by any entry point (<c>TripleDES.Create()</c>, <c>DES.Create("DES")</c>,
    /// <c>new TripleDESCryptoServiceProvider()</c>, <c>new TripleDESCng()</c>, <c>SymmetricAlgorithm.Create("RC2")</c>,
    /// <c>CryptoConfig.CreateFromName("3DES")</c>); an RC4 implementation (a type named RC4, ARC4 or ArcFour, such as
    /// BouncyCastle's <c>RC4Engine</c>); and Rijndael whose <c>BlockSize</c> is set to a constant other than 128, in its
    /// initializer or on the local or field that holds it (with the default 128-bit block, Rijndael is AES). Reported once, at
    /// the creation, however often the cipher is used.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2002WeakCipherAnalyzer : DiagnosticAnalyzer
    {
        private const int AesBlockSize = 128;

        private static readonly ImmutableHashSet<string> s_weakFamilies = ImmutableHashSet.Create(StringComparer.Ordinal, "DES", "TripleDES", "RC2");

        private static readonly ImmutableHashSet<string> s_rc4Names = ImmutableHashSet.Create(StringComparer.Ordinal, "rc4", "arc4", "arcfour");

        /// <summary>Words that may follow the algorithm in an implementation's type name: <c>RC4Engine</c>, <c>Arc4Cipher</c>.</summary>
        private static readonly ImmutableHashSet<string> s_implementationWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "engine", "cipher", "managed", "crypto", "service", "provider", "transform", "stream", "algorithm", "cng");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS2002WeakCipher);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Get(start.Compilation, "System.Security.Cryptography.SymmetricAlgorithm") is null)
                {
                    return;
                }

                start.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
                start.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is INamedTypeSymbol type)
            {
                Judge(context, creation, CryptoCreation.FamilyCreatedBy(creation) ?? (IsRc4(type) ? "RC4" : null));
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.IsStatic && method.Name is "Create" or "CreateFromName")
            {
                Judge(context, invocation, CryptoCreation.FamilyCreatedBy(invocation) ?? (method.Name == "Create" && IsRc4(method.ContainingType) ? "RC4" : null));
            }
        }

        private static void Judge(OperationAnalysisContext context, IOperation creation, string? family)
        {
            string? cipher = family switch
            {
                null => null,
                "RC4" => "RC4",
                "Rijndael" => BlockSizeSetOn(creation, context.CancellationToken) is int block && block != AesBlockSize
                    ? "Rijndael with a " + block + "-bit block"
                    : null,
                _ => s_weakFamilies.Contains(family) ? CryptoAlgorithms.DisplayName(family) : null,
            };
            if (cipher is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS2002WeakCipher, creation.Syntax.GetLocation(), CryptoCreation.ApiName(creation), cipher));
            }
        }

        /// <summary>A constant <c>BlockSize</c> other than 128 given to the cipher, in its object initializer or later on the local or field holding it.</summary>
        private static int? BlockSizeSetOn(IOperation creation, CancellationToken cancellationToken)
        {
            if (creation is IObjectCreationOperation { Initializer: { } initializer })
            {
                foreach (var member in initializer.Initializers)
                {
                    if (member is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "BlockSize" }, Value.ConstantValue: { HasValue: true, Value: int size } } &&
                        size != AesBlockSize)
                    {
                        return size;
                    }
                }
            }

            foreach (var use in CreatedObject.Uses(creation, cancellationToken))
            {
                if (CreatedObject.MemberUsedOn(use) is IPropertyReferenceOperation { Property.Name: "BlockSize" } property &&
                    property.Parent is ISimpleAssignmentOperation assignment && assignment.Target == property &&
                    assignment.Value.ConstantValue is { HasValue: true, Value: int size } && size != AesBlockSize)
                {
                    return size;
                }
            }

            return null;
        }

        /// <summary>A type named for RC4 (<c>RC4</c>, <c>RC4Engine</c>, <c>Arc4Cipher</c>, <c>ArcFourManaged</c>); <c>Rc4MigrationReport</c> is not.</summary>
        private static bool IsRc4(INamedTypeSymbol? type)
        {
            if (type is null ||
                !(type.Name.StartsWith("RC4", StringComparison.OrdinalIgnoreCase) || type.Name.StartsWith("ARC", StringComparison.OrdinalIgnoreCase)))
            {
                return false;
            }

            var words = NameWords.Split(type.Name);
            int rest;
            if (words.Length >= 1 && s_rc4Names.Contains(words[0]))
            {
                rest = 1;
            }
            else if (words.Length >= 2 && words[0] == "arc" && words[1] == "four")
            {
                rest = 2;
            }
            else
            {
                return false;
            }

            for (int i = rest; i < words.Length; i++)
            {
                if (!s_implementationWords.Contains(words[i]))
                {
                    return false;
                }
            }

            return true;
        }
    }
}
