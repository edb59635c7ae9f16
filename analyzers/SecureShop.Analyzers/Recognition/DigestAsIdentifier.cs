using System;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// A digest that is plainly an identifier, not an integrity check: it becomes a <c>Guid</c> (a deterministic id), or
    /// it is stored in, returned as or passed to a name whose words say ETag, cache key, bucket, shard, partition or a content
    /// fingerprint (<see cref="IsIdentifierName"/>)
    /// (<c>string etag = Convert.ToHexString(MD5.HashData(body))</c>, <c>int ShardFor(string id) => ... % shards</c>).
    /// Narrow on purpose: the digest may pass through formatting (<c>Convert</c>, <c>BitConverter</c>, string methods,
    /// spans, LINQ, arithmetic, interpolation) and one local on the way; any other use (compared, sent, stored under
    /// another name, given to an unknown method) makes it an integrity value.
    /// </summary>
    internal static class DigestAsIdentifier
    {
        private enum Verdict
        {
            Identifier,
            Neutral,
            Other,
        }

        private static readonly ImmutableHashSet<string> s_identifierWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "etag", "etags", "cachekey", "cachekeys", "bucket", "buckets", "shard", "shards", "partition", "partitions");

        private static readonly ImmutableArray<ImmutableArray<string>> s_identifierPhrases = ImmutableArray.Create(
            ImmutableArray.Create("e", "tag"), ImmutableArray.Create("e", "tags"), ImmutableArray.Create("entity", "tag"),
            ImmutableArray.Create("cache", "key"), ImmutableArray.Create("cache", "keys"));

        /// <summary>What a content fingerprint is taken of: <c>ContentHash</c>, <c>FileChecksum</c>, <c>BundleHash</c>, <c>ImageDigest</c>.</summary>
        private static readonly ImmutableHashSet<string> s_contentWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "content", "file", "files", "bundle", "bundles", "asset", "assets", "blob", "image", "picture", "media",
            "attachment", "document", "upload", "download", "thumbnail", "resource", "script", "stylesheet", "css", "js");

        private static readonly ImmutableHashSet<string> s_fingerprintWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "hash", "checksum", "digest", "fingerprint", "crc");

        /// <summary>Words that say the digest finds duplicates: <c>DedupKey</c>, <c>DuplicateHash</c>.</summary>
        private static readonly ImmutableHashSet<string> s_deduplicationWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "dedup", "dedupe", "deduplication", "duplicate", "duplicates");

        /// <summary>Methods through which a digest keeps being the same value in another shape.</summary>
        private static readonly ImmutableHashSet<string> s_formattingTypes = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "System.Convert", "System.BitConverter", "System.String", "System.MemoryExtensions", "System.Linq.Enumerable",
            "System.Buffers.Binary.BinaryPrimitives", "System.Span", "System.ReadOnlySpan", "System.Object");

        /// <summary>Members of a hash object that hand out the digest.</summary>
        private static readonly ImmutableHashSet<string> s_digestMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal, "ComputeHash", "ComputeHashAsync", "GetHashAndReset", "GetCurrentHash");

        /// <summary>Members of a hash object that feed it or clean up, without handing anything out.</summary>
        private static readonly ImmutableHashSet<string> s_feedingMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal, "AppendData", "TransformBlock", "TransformFinalBlock", "Initialize", "Clear", "Dispose");

        /// <summary>
        /// True when the words of <paramref name="name"/> say ETag, cache key, bucket, shard, partition, de-duplication, or a
        /// fingerprint of content (a content/file/bundle/asset/image word with a hash/checksum/digest word). A bare
        /// <c>Checksum</c> or <c>Hash</c> says nothing of its use and is not an identifier.
        /// </summary>
        public static bool IsIdentifierName(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return false;
            }

            var words = NameWords.Split(name!);
            if (NameWords.AnyIn(words, s_identifierWords) || NameWords.AnyIn(words, s_deduplicationWords) ||
                (NameWords.AnyIn(words, s_contentWords) && NameWords.AnyIn(words, s_fingerprintWords)))
            {
                return true;
            }

            foreach (var phrase in s_identifierPhrases)
            {
                if (NameWords.ContainsPhrase(words, phrase))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when the digest <paramref name="value"/> computes ends up only as an identifier.</summary>
        public static bool IsIdentifier(IOperation value, CancellationToken cancellationToken) =>
            Destination(value, self: null, depth: 0, cancellationToken) == Verdict.Identifier;

        /// <summary>
        /// True when the hash object whose <paramref name="uses"/> are given (see <see cref="CreatedObject.Uses"/>) is only fed
        /// and asked for digests, and every digest it hands out ends up as an identifier.
        /// </summary>
        public static bool OnlyMakesIdentifiers(ImmutableArray<IOperation> uses, CancellationToken cancellationToken)
        {
            bool sawDigest = false;
            foreach (var use in uses)
            {
                switch (CreatedObject.MemberUsedOn(use))
                {
                    case IInvocationOperation call when s_digestMethods.Contains(call.TargetMethod.Name):
                        if (!IsIdentifier(call, cancellationToken))
                        {
                            return false;
                        }

                        sawDigest = true;
                        break;
                    case IInvocationOperation call when s_feedingMethods.Contains(call.TargetMethod.Name):
                        break;
                    case IPropertyReferenceOperation { Property.Name: "Hash" } hash:
                        if (!IsIdentifier(hash, cancellationToken))
                        {
                            return false;
                        }

                        sawDigest = true;
                        break;
                    default:
                        return false;
                }
            }

            return sawDigest;
        }

        private static Verdict Destination(IOperation value, ILocalSymbol? self, int depth, CancellationToken cancellationToken)
        {
            var operation = value;
            for (int step = 0; step < 16 && operation.Parent is { } parent; step++)
            {
                switch (parent)
                {
                    case IConversionOperation or IAwaitOperation or IBinaryOperation:
                        operation = parent;
                        continue;
                    case IInterpolationOperation { Parent: { } interpolated }:
                        operation = interpolated;
                        continue;
                    case IInvocationOperation call when call.Instance == operation && IsFormatting(call.TargetMethod):
                        operation = call;
                        continue;
                    case IImplicitIndexerReferenceOperation range when range.Instance == operation:
                        operation = range;
                        continue;
                    case IArrayElementReferenceOperation element when element.ArrayReference == operation:
                        if (element.Parent is IAssignmentOperation write && write.Target == element)
                        {
                            return Verdict.Neutral;
                        }

                        operation = element;
                        continue;
                    case IArgumentOperation argument:
                        if (IsIdentifierName(argument.Parameter?.Name) ||
                            argument.Parent is IObjectCreationOperation { Type: { Name: "Guid", ContainingNamespace.Name: "System" } })
                        {
                            return Verdict.Identifier;
                        }

                        if (argument.Parent is IInvocationOperation formatting && IsFormatting(formatting.TargetMethod))
                        {
                            operation = formatting;
                            continue;
                        }

                        return Verdict.Other;
                    case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                        return Stored(declarator.Symbol, operation, depth, cancellationToken);
                    case ISimpleAssignmentOperation assignment when assignment.Value == operation:
                        return assignment.Target switch
                        {
                            IArrayElementReferenceOperation { ArrayReference: ILocalReferenceOperation array } when SymbolEqualityComparer.Default.Equals(array.Local, self) => Verdict.Neutral,
                            ILocalReferenceOperation local => Stored(local.Local, operation, depth, cancellationToken),
                            IFieldReferenceOperation field => Named(field.Field.Name),
                            IPropertyReferenceOperation property => Named(property.Property.Name),
                            _ => Verdict.Other,
                        };
                    case IReturnOperation:
                        var member = operation.SemanticModel?.GetEnclosingSymbol(operation.Syntax.SpanStart, cancellationToken);
                        return member switch
                        {
                            IMethodSymbol { MethodKind: MethodKind.PropertyGet, AssociatedSymbol: { } property } => Named(property.Name),
                            IMethodSymbol { MethodKind: MethodKind.Ordinary or MethodKind.LocalFunction } method => Named(method.Name),
                            _ => Verdict.Other,
                        };
                    case IPropertyInitializerOperation { InitializedProperties.Length: 1 } initializer:
                        return Named(initializer.InitializedProperties[0].Name);
                    case IFieldInitializerOperation { InitializedFields.Length: 1 } initializer:
                        return Named(initializer.InitializedFields[0].Name);
                    default:
                        return Verdict.Other;
                }
            }

            return Verdict.Other;
        }

        private static Verdict Named(string name) => IsIdentifierName(name) ? Verdict.Identifier : Verdict.Other;

        /// <summary>
        /// A digest kept in a local: the local's name decides, else every later use of the local must be an identifier (one hop).
        /// Writing into the digest's own bytes (<c>hash[6] = (byte)(hash[6] &amp; 0x0f | 0x30)</c>, the version bits of a
        /// name-based UUID) is neither.
        /// </summary>
        private static Verdict Stored(ILocalSymbol local, IOperation stored, int depth, CancellationToken cancellationToken)
        {
            if (IsIdentifierName(local.Name))
            {
                return Verdict.Identifier;
            }

            if (depth >= 1)
            {
                return Verdict.Other;
            }

            bool sawIdentifier = false;
            foreach (var reference in CreatedObject.Uses(stored, cancellationToken))
            {
                switch (Destination(reference, local, depth + 1, cancellationToken))
                {
                    case Verdict.Other:
                        return Verdict.Other;
                    case Verdict.Identifier:
                        sawIdentifier = true;
                        break;
                }
            }

            return sawIdentifier ? Verdict.Identifier : Verdict.Other;
        }

        private static bool IsFormatting(IMethodSymbol method) =>
            method.ContainingType is { } type && type.ContainingNamespace is { } ns &&
            s_formattingTypes.Contains(ns.ToDisplayString() + "." + type.Name);
    }
}
