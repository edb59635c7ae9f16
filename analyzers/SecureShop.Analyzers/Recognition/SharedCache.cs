using System.Collections.Concurrent;
using System.Collections.Generic;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// The caches that the rules of a compilation fill together while the compiler runs them in parallel. The default
    /// <see cref="ConcurrentDictionary{TKey, TValue}"/> has one lock per processor and starts small: on a build machine's
    /// few cores the rules then wait for each other at every new entry, and again at every growth of the table (measured
    /// with bench/SecureShop.AnalyzerTiming: a tenth of the analyzers' time went to those waits). These start with room
    /// for a project's symbols and with enough locks that two writers rarely meet.
    /// </summary>
    internal static class SharedCache
    {
        /// <summary>Locks per cache: more than the writers of a build machine (the compiler runs the rules on its thread pool).</summary>
        private const int Locks = 32;

        public static ConcurrentDictionary<TKey, TValue> Create<TKey, TValue>(IEqualityComparer<TKey>? comparer = null, int capacity = 257)
            where TKey : notnull =>
            new ConcurrentDictionary<TKey, TValue>(Locks, capacity, comparer ?? EqualityComparer<TKey>.Default);
    }
}
