using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;

namespace SecureShop.Analyzers
{
    /// <summary>Every rule this assembly ships, in ID order. Reports list all of them, fired or not.</summary>
    public static class RuleCatalog
    {
        private static readonly Lazy<IReadOnlyList<RuleInfo>> s_all = new Lazy<IReadOnlyList<RuleInfo>>(() =>
        {
            // Descriptors' field initializers register each rule; run them all before reading the registry.
            RuntimeHelpers.RunClassConstructor(typeof(Descriptors).TypeHandle);
            return RuleRegistry.Rules.OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();
        });

        public static IReadOnlyList<RuleInfo> All => s_all.Value;

        public static RuleInfo? Find(string id) => All.FirstOrDefault(r => string.Equals(r.Id, id, StringComparison.Ordinal));
    }

    /// <summary>
    /// Filled by <see cref="Descriptors"/>'s factory. A class of its own so that it is initialised
    /// before any descriptor, whatever order the partial files of <see cref="Descriptors"/> run in.
    /// </summary>
    internal static class RuleRegistry
    {
        internal static readonly List<RuleInfo> Rules = new List<RuleInfo>();
    }
}
