using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2001: MD5, SHA-1 or RIPEMD-160 (and HMAC over MD5/SHA-1) chosen, reported once where the choice is made: the creation
    /// (<c>MD5.Create()</c>, <c>new SHA1Managed()</c>, <c>new HMACSHA1(key)</c>, <c>CryptoConfig.CreateFromName("MD5")</c>,
    /// <c>HashAlgorithm.Create("SHA1")</c>), the static one-shot call (<c>SHA1.HashData</c>, <c>TryHashData</c>,
    /// <c>HashDataAsync</c>, <c>HMACSHA1.HashData</c>), or the <c>HashAlgorithmName.MD5</c>/<c>SHA1</c> argument of a signature,
    /// hashing or certificate API (<c>RSA.SignData</c>, <c>IncrementalHash.CreateHash</c>, <c>new CertificateRequest</c>).
    /// Silent where SS3001 reports the same hash applied to a password, where the PBKDF2 PRF is SS3002's, where the digest is
    /// only an identifier or a content fingerprint (<see cref="DigestAsIdentifier"/>: ETags, cache keys, bundle/file/content
    /// hashes, de-duplication keys), for HMAC-SHA1 in one-time-password (TOTP/HOTP) code, which RFC 6238 authenticator apps
    /// require, and in test projects.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2001WeakHashAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Property naming the code fix that is safe here: <see cref="FixCreate"/>, <see cref="FixType"/>, <see cref="FixName"/> or <see cref="FixLiteral"/>.</summary>
        public const string FixKey = "SS2001.Fix";

        /// <summary>Property with the replacement type name or literal: <c>SHA256</c> or <c>HMACSHA256</c>.</summary>
        public const string TargetKey = "SS2001.Target";

        /// <summary>The creation becomes <c>SHA256.Create()</c>.</summary>
        public const string FixCreate = "Create";

        /// <summary>The type of a constructor or of a static call's receiver becomes the target (<c>HMACSHA256</c>, <c>SHA256</c>).</summary>
        public const string FixType = "Type";

        /// <summary><c>HashAlgorithmName.SHA1</c> becomes <c>HashAlgorithmName.SHA256</c>.</summary>
        public const string FixName = "Name";

        /// <summary>The algorithm-name literal of a by-name factory becomes the target.</summary>
        public const string FixLiteral = "Literal";

        private static readonly ImmutableHashSet<string> s_weakFamilies = ImmutableHashSet.Create(
            StringComparer.Ordinal, "MD5", "SHA1", "RIPEMD160", "HMACMD5", "HMACSHA1", "HMACRIPEMD160");

        /// <summary>Families whose digest may be an identifier (an ETag, a shard); an HMAC is always an integrity tag.</summary>
        private static readonly ImmutableHashSet<string> s_plainFamilies = ImmutableHashSet.Create(StringComparer.Ordinal, "MD5", "SHA1", "RIPEMD160");

        private static readonly ImmutableHashSet<string> s_staticHashMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal, "HashData", "TryHashData", "HashDataAsync");

        /// <summary>Methods whose <c>HashAlgorithmName</c> argument chooses the hash of a signature, digest or MAC. PBKDF2 and other KDFs are not here.</summary>
        private static readonly ImmutableHashSet<string> s_hashNameMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "SignData", "TrySignData", "VerifyData", "SignHash", "TrySignHash", "VerifyHash", "CreateHash", "CreateHMAC",
            "HashData", "TryHashData", "HashDataAsync", "HmacData", "TryHmacData", "HmacDataAsync", "Build");

        /// <summary>Where the hash was computed elsewhere: changing only the name would sign a SHA-1 digest as SHA-256.</summary>
        private static readonly ImmutableHashSet<string> s_precomputedHashMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal, "SignHash", "TrySignHash", "VerifyHash");

        private static readonly ImmutableHashSet<string> s_sizeMembers = ImmutableHashSet.Create(
            StringComparer.Ordinal, "HashSize", "HashSizeValue", "HashSizeInBits", "HashSizeInBytes", "HashLengthInBytes");

        private static readonly ImmutableHashSet<string> s_oneTimePasswordWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "totp", "hotp", "otp");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS2001WeakHash);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                if (KnownTypes.Get(compilation, "System.Security.Cryptography.HashAlgorithm") is null ||
                    TestCode.IsTestProject(compilation, start.Options))
                {
                    // Tests hash fixtures and expected outputs; their MD5s protect nothing a shop runs.
                    return;
                }

                var replacements = new Replacements(
                    KnownTypes.Get(compilation, "System.Security.Cryptography.SHA256"),
                    KnownTypes.Get(compilation, "System.Security.Cryptography.HMACSHA256"));
                start.RegisterOperationAction(c => AnalyzeCreation(c, replacements), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, replacements), OperationKind.Invocation);
            });
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, Replacements replacements)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is not INamedTypeSymbol type)
            {
                return;
            }

            var family = CryptoCreation.FamilyCreatedBy(creation);
            if (family is not null && s_weakFamilies.Contains(family))
            {
                // A shop's own subclass of SHA1 may do more than hash: only the framework's types are replaced.
                string? fix = !CryptoAlgorithms.IsCryptography(type) ? null : family is "HMACMD5" or "HMACSHA1" ? FixType : FixCreate;
                JudgeObject(context, creation, family, fix, replacements);
            }
            else if (IsThirdPartyRipemd(type))
            {
                JudgeObject(context, creation, "RIPEMD160", fix: null, replacements);
            }
            else if (type.Name == "CertificateRequest")
            {
                JudgeNameArguments(context, creation, creation.Arguments, receiver: null);
            }
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, Replacements replacements)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.IsStatic && method.Name is "Create" or "CreateFromName")
            {
                var family = CryptoCreation.FamilyCreatedBy(invocation);
                if (family is not null && s_weakFamilies.Contains(family))
                {
                    bool byName = !s_weakFamilies.Contains(CryptoAlgorithms.FamilyOf(method.ContainingType) ?? string.Empty);
                    JudgeObject(context, invocation, family, byName ? FixLiteral : FixCreate, replacements);
                }
                else if (method.Name == "Create" && IsThirdPartyRipemd(method.ContainingType))
                {
                    JudgeObject(context, invocation, "RIPEMD160", fix: null, replacements);
                }

                return;
            }

            if (method.IsStatic && s_staticHashMethods.Contains(method.Name) &&
                CryptoAlgorithms.FamilyOf(method.ContainingType) is string hashFamily && s_weakFamilies.Contains(hashFamily))
            {
                JudgeOneShot(context, invocation, hashFamily);
                return;
            }

            if (s_hashNameMethods.Contains(method.Name) && CryptoAlgorithms.IsCryptographyOrBelow(method.ContainingType))
            {
                JudgeNameArguments(context, invocation, invocation.Arguments, invocation.Instance?.Type ?? method.ContainingType);
            }
        }

        /// <summary>A hash object created here: report it unless one of its uses hashes a password (SS3001) or it only makes identifiers.</summary>
        private static void JudgeObject(OperationAnalysisContext context, IOperation creation, string family, string? fix, Replacements replacements)
        {
            if (IsHmac(family) && InOneTimePasswordCode(context.ContainingSymbol))
            {
                return;
            }

            var uses = CreatedObject.Uses(creation, context.CancellationToken);
            foreach (var use in uses)
            {
                if (CreatedObject.MemberUsedOn(use) is IInvocationOperation call && PasswordHashing.PasswordHashedBy(call) is not null)
                {
                    return;
                }
            }

            if (s_plainFamilies.Contains(family) && DigestAsIdentifier.OnlyMakesIdentifiers(uses, context.CancellationToken))
            {
                return;
            }

            var replacement = replacements.For(family);
            bool safe = fix is not null && replacement is not null && DigestSize(family) is int size &&
                        (fix != FixLiteral || LiteralName(creation) is not null) &&
                        ObjectIsReplaceable(creation, uses, replacement, staticTypeChanges: fix != FixLiteral) &&
                        !SizeDependent(ScopeOf(creation), size);
            Report(context, creation.Syntax, CryptoCreation.ApiName(creation), family, safe ? fix : null, replacement?.Name);
        }

        /// <summary><c>SHA1.HashData(data)</c> and friends: report unless SS3001 owns the call or the digest is an identifier.</summary>
        private static void JudgeOneShot(OperationAnalysisContext context, IInvocationOperation invocation, string family)
        {
            if ((IsHmac(family) && InOneTimePasswordCode(context.ContainingSymbol)) ||
                PasswordHashing.PasswordHashedBy(invocation) is not null ||
                (s_plainFamilies.Contains(family) && DigestAsIdentifier.IsIdentifier(invocation, context.CancellationToken)))
            {
                return;
            }

            var method = invocation.TargetMethod;
            bool safe = method.Name != "TryHashData" && !HasDestination(invocation) && DigestSize(family) is int size &&
                        invocation.Syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax } &&
                        !SizeDependent(ScopeOf(invocation), size);
            Report(context, invocation.Syntax, method.ContainingType.Name + "." + method.Name, family, safe ? FixType : null, IsHmac(family) ? "HMACSHA256" : "SHA256");
        }

        /// <summary><c>HashAlgorithmName.SHA1</c>/<c>MD5</c> given to a signature, hashing or certificate API.</summary>
        private static void JudgeNameArguments(
            OperationAnalysisContext context, IOperation call, ImmutableArray<IArgumentOperation> arguments, ITypeSymbol? receiver)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Type.Name != "HashAlgorithmName" || argument.ArgumentKind != ArgumentKind.Explicit ||
                    CryptoAlgorithms.FamilyOfName(CryptoCreation.HashAlgorithmNameOf(argument.Value)) is not { } hash || hash is not ("MD5" or "SHA1"))
                {
                    continue;
                }

                var method = (call as IInvocationOperation)?.TargetMethod;
                string family = method is not null && method.Name.IndexOf("hmac", StringComparison.OrdinalIgnoreCase) >= 0 ? "HMAC" + hash : hash;
                if (IsHmac(family) && InOneTimePasswordCode(context.ContainingSymbol))
                {
                    continue;
                }

                if (!IsHmac(family) && method is not null &&
                    (method.Name is "HashData" or "HashDataAsync"
                        ? DigestAsIdentifier.IsIdentifier(call, context.CancellationToken)
                        : method.Name == "CreateHash" && DigestAsIdentifier.OnlyMakesIdentifiers(CreatedObject.Uses(call, context.CancellationToken), context.CancellationToken)))
                {
                    continue;
                }

                bool safe = argument.Value.Syntax is MemberAccessExpressionSyntax &&
                            !(method is not null && s_precomputedHashMethods.Contains(method.Name)) &&
                            CryptoAlgorithms.FamilyOf(receiver) != "DSA" &&
                            !(method is not null && method.Name.IndexOf("Sign", StringComparison.Ordinal) < 0 && HasDestination((IInvocationOperation)call)) &&
                            !SizeDependent(ScopeOf(call), DigestSize(hash)!.Value);
                string api = method is null ? CryptoCreation.ApiName(call) : (receiver?.Name ?? method.ContainingType.Name) + "." + method.Name;
                Report(context, argument.Value.Syntax, api, family, safe ? FixName : null, "SHA256");
            }
        }

        private static void Report(OperationAnalysisContext context, SyntaxNode node, string api, string family, string? fix, string? target)
        {
            var properties = fix is null || target is null
                ? ImmutableDictionary<string, string?>.Empty
                : ImmutableDictionary<string, string?>.Empty.Add(FixKey, fix).Add(TargetKey, target);
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS2001WeakHash,
                node.GetLocation(),
                properties,
                api,
                CryptoAlgorithms.DisplayName(family),
                IsHmac(family) ? "HMAC-SHA256 or stronger" : "SHA-256 or stronger"));
        }

        /// <summary>
        /// Can the object's type change to <paramref name="replacement"/> without breaking the code? Every cast or implicit
        /// conversion of it must accept the replacement; where its static type changes (<c>SHA256.Create()</c> for <c>MD5.Create()</c>),
        /// it must be held in a <c>var</c> local or used in place, and only through members the replacement has too, none of which
        /// writes the digest into a buffer of the old size (<c>TryComputeHash(data, destination, out _)</c>).
        /// </summary>
        private static bool ObjectIsReplaceable(IOperation creation, ImmutableArray<IOperation> uses, INamedTypeSymbol replacement, bool staticTypeChanges)
        {
            if (!ConversionsAccept(creation, replacement, out bool converted))
            {
                return false;
            }

            if (staticTypeChanges && !converted)
            {
                switch (CreatedObject.Consumer(creation))
                {
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }
                        when declarator.Syntax is VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax { Type.IsVar: true } }:
                    case IInvocationOperation or IPropertyReferenceOperation when uses.Length == 1 && uses[0] == creation:
                        break;
                    default:
                        return false;
                }
            }

            foreach (var use in uses)
            {
                if (!ConversionsAccept(use, replacement, out bool useConverted))
                {
                    return false;
                }

                if (!staticTypeChanges || useConverted)
                {
                    continue;
                }

                bool fits = CreatedObject.MemberUsedOn(use) switch
                {
                    IInvocationOperation call => MemberIsShared(call.TargetMethod, replacement) && !HasDestination(call),
                    IPropertyReferenceOperation property => MemberIsShared(property.Property, replacement),
                    _ => CreatedObject.Consumer(use) is IArgumentOperation { Parameter.Type: { } parameterType } && Accepts(parameterType, replacement),
                };
                if (!fits)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool ConversionsAccept(IOperation operation, INamedTypeSymbol replacement, out bool converted)
        {
            converted = false;
            for (var parent = operation.Parent; parent is IConversionOperation conversion; parent = parent.Parent)
            {
                if (conversion.Type is null || !Accepts(conversion.Type, replacement))
                {
                    return false;
                }

                converted = true;
            }

            return true;
        }

        private static bool Accepts(ITypeSymbol type, INamedTypeSymbol replacement) =>
            type.TypeKind == TypeKind.Interface
                ? replacement.AllInterfaces.Any(i => SymbolEqualityComparer.Default.Equals(i, type))
                : type is INamedTypeSymbol named && replacement.InheritsFrom(named.OriginalDefinition);

        private static bool MemberIsShared(ISymbol member, INamedTypeSymbol replacement) =>
            !s_sizeMembers.Contains(member.Name) && member.ContainingType is { } owner && Accepts(owner, replacement);

        /// <summary>Code near the hash that depends on its digest size: a buffer of exactly that many bytes, or a hash-size member.</summary>
        private static bool SizeDependent(SyntaxNode scope, int digestBytes)
        {
            foreach (var node in scope.DescendantNodes())
            {
                switch (node)
                {
                    case IdentifierNameSyntax identifier when s_sizeMembers.Contains(identifier.Identifier.ValueText):
                        return true;
                    case ArrayRankSpecifierSyntax rank when rank.Sizes.Any(s => s is LiteralExpressionSyntax { Token.Value: int n } && n == digestBytes):
                        return true;
                }
            }

            return false;
        }

        /// <summary>The member the hash is made in, or its whole type when the hash object is kept in a field.</summary>
        private static SyntaxNode ScopeOf(IOperation operation)
        {
            var consumer = CreatedObject.Consumer(operation);
            if (consumer is IFieldInitializerOperation or ISimpleAssignmentOperation { Target: IFieldReferenceOperation } &&
                operation.Syntax.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type)
            {
                return type;
            }

            return operation.Root().Syntax;
        }

        private static bool HasDestination(IInvocationOperation invocation) =>
            invocation.Arguments.ArgumentFor("destination") is not null;

        private static string? LiteralName(IOperation creation) =>
            creation is IInvocationOperation invocation &&
            invocation.Arguments.Any(a => a.Value.Syntax is LiteralExpressionSyntax && a.Value.ConstantValue.Value is string)
                ? CryptoCreation.NameArgument(invocation)
                : null;

        private static int? DigestSize(string family) => family switch
        {
            "MD5" or "HMACMD5" => 16,
            "SHA1" or "HMACSHA1" => 20,
            _ => null,
        };

        private static bool IsHmac(string family) => family.StartsWith("HMAC", StringComparison.Ordinal);

        /// <summary>TOTP/HOTP code (RFC 4226/6238): authenticator apps expect HMAC-SHA1, which is not broken as a MAC.</summary>
        private static bool InOneTimePasswordCode(ISymbol? symbol)
        {
            for (var s = symbol; s is not null && s.Kind != SymbolKind.Namespace; s = s.ContainingSymbol)
            {
                var words = NameWords.Split(s.Name);
                if (NameWords.AnyIn(words, s_oneTimePasswordWords) ||
                    NameWords.ContainsPhrase(words, ImmutableArray.Create("one", "time", "password")))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A RIPEMD-160 implementation outside .NET's reference pack (BouncyCastle's <c>RipeMD160Digest</c>, .NET Framework's <c>RIPEMD160Managed</c>).</summary>
        private static bool IsThirdPartyRipemd(INamedTypeSymbol? type) =>
            type is not null && type.Name.StartsWith("RIPEMD160", StringComparison.OrdinalIgnoreCase);

        private sealed class Replacements
        {
            private readonly INamedTypeSymbol? _sha256;
            private readonly INamedTypeSymbol? _hmacSha256;

            public Replacements(INamedTypeSymbol? sha256, INamedTypeSymbol? hmacSha256)
            {
                _sha256 = sha256;
                _hmacSha256 = hmacSha256;
            }

            public INamedTypeSymbol? For(string family) => family switch
            {
                "MD5" or "SHA1" => _sha256,
                "HMACMD5" or "HMACSHA1" => _hmacSha256,
                _ => null,
            };
        }
    }
}
