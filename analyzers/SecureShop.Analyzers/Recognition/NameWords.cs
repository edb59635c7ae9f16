using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Splits identifiers into lower-case words: <c>CreditCardNumber</c>, <c>credit_card_number</c> and
    /// <c>creditCardNumber</c> all give [credit, card, number]; <c>CCNumber</c> gives [cc, number];
    /// digits stay with the word before them (<c>Cvv2</c> gives [cvv2], <c>Last4</c> gives [last4]).
    /// </summary>
    internal static class NameWords
    {
        /// <summary>Identifiers repeat across rules and compilations: the split of each is kept (up to a bound, then started afresh).</summary>
        private const int MaxCached = 50000;

        private static ConcurrentDictionary<string, ImmutableArray<string>> s_splits = SharedCache.Create<string, ImmutableArray<string>>(StringComparer.Ordinal);
        private static int s_cached;

        public static ImmutableArray<string> Split(string identifier)
        {
            if (string.IsNullOrEmpty(identifier))
            {
                return ImmutableArray<string>.Empty;
            }

            var splits = s_splits;
            if (splits.TryGetValue(identifier, out var cached))
            {
                return cached;
            }

            var words = SplitUncached(identifier);
            if (Interlocked.Increment(ref s_cached) > MaxCached)
            {
                s_splits = SharedCache.Create<string, ImmutableArray<string>>(StringComparer.Ordinal);
                s_cached = 0;
            }
            else
            {
                splits.TryAdd(identifier, words);
            }

            return words;
        }

        private static ImmutableArray<string> SplitUncached(string identifier)
        {
            var words = ImmutableArray.CreateBuilder<string>();
            int start = -1;
            for (int i = 0; i < identifier.Length; i++)
            {
                char c = identifier[i];
                if (!char.IsLetterOrDigit(c))
                {
                    Flush(identifier, ref start, i, words);
                    continue;
                }

                if (start < 0)
                {
                    start = i;
                    continue;
                }

                char prev = identifier[i - 1];
                bool boundary =
                    (char.IsUpper(c) && char.IsLower(prev)) ||
                    (char.IsUpper(c) && char.IsDigit(prev)) ||
                    // "CCNumber": the N starts a word when a lower-case letter follows it.
                    (char.IsUpper(c) && char.IsUpper(prev) && i + 1 < identifier.Length && char.IsLower(identifier[i + 1])) ||
                    (char.IsLetter(c) && char.IsDigit(prev) && char.IsLower(c) && i - start > 1 && !char.IsDigit(identifier[start]));
                if (boundary)
                {
                    Flush(identifier, ref start, i, words);
                    start = i;
                }
            }

            Flush(identifier, ref start, identifier.Length, words);
            return words.ToImmutable();
        }

        /// <summary>True when <paramref name="words"/> holds <paramref name="phrase"/> as consecutive words.</summary>
        public static bool ContainsPhrase(ImmutableArray<string> words, ImmutableArray<string> phrase) => IndexOfPhrase(words, phrase) >= 0;

        public static int IndexOfPhrase(ImmutableArray<string> words, ImmutableArray<string> phrase)
        {
            if (phrase.IsDefaultOrEmpty || phrase.Length > words.Length)
            {
                return -1;
            }

            for (int i = 0; i + phrase.Length <= words.Length; i++)
            {
                bool match = true;
                for (int j = 0; j < phrase.Length; j++)
                {
                    if (!string.Equals(words[i + j], phrase[j], StringComparison.Ordinal))
                    {
                        match = false;
                        break;
                    }
                }

                if (match)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>True when any word of <paramref name="words"/> is in <paramref name="set"/>.</summary>
        public static bool AnyIn(ImmutableArray<string> words, ImmutableHashSet<string> set)
        {
            foreach (var w in words)
            {
                if (set.Contains(w))
                {
                    return true;
                }
            }

            return false;
        }

        private static void Flush(string s, ref int start, int end, ImmutableArray<string>.Builder words)
        {
            if (start >= 0 && end > start)
            {
                words.Add(s.Substring(start, end - start).ToLowerInvariant());
            }

            start = -1;
        }

        /// <summary>Parses a configured phrase list: "CardNo, card_num,Pan" gives [[card, no], [card, num], [pan]].</summary>
        public static IEnumerable<ImmutableArray<string>> ParsePhrases(string? list)
        {
            if (string.IsNullOrWhiteSpace(list))
            {
                yield break;
            }

            foreach (var item in list!.Split(new[] { ',', ';', ' ' }, StringSplitOptions.RemoveEmptyEntries))
            {
                var words = Split(item.Trim());
                if (!words.IsEmpty)
                {
                    yield return words;
                }
            }
        }
    }
}
