using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// <see cref="Compilation.GetTypeByMetadataName"/>, answered once per compilation for every rule. The compiler keeps only
    /// a small cache of its own, shared with every other analyzer of the build, and a type the project does not reference
    /// (most logging, payment and database libraries) is searched for in every reference at each question; each rule
    /// asks for a dozen such types at every compilation start.
    /// </summary>
    internal static class KnownTypes
    {
        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>> s_byCompilation =
            new ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>>();

        private static readonly ConditionalWeakTable<Compilation, ConcurrentDictionary<string, INamedTypeSymbol?>>.CreateValueCallback s_create =
            _ => SharedCache.Create<string, INamedTypeSymbol?>(System.StringComparer.Ordinal);

        /// <summary>The type named <paramref name="metadataName"/> in the compilation or its references, or null (also when ambiguous).</summary>
        public static INamedTypeSymbol? Get(Compilation compilation, string metadataName)
        {
            var types = s_byCompilation.GetValue(compilation, s_create);
            if (types.TryGetValue(metadataName, out var type))
            {
                return type;
            }

            type = compilation.GetTypeByMetadataName(metadataName);
            types.TryAdd(metadataName, type);
            return type;
        }
    }
}
