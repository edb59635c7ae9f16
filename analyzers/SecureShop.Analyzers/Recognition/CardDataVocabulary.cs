using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// The names that denote card data (RULES.md, "Recognising card data", point 3) and those that
    /// look alike but are not, plus the per-repository additions and removals from
    /// <c>secureshop.card_data_names</c> / <c>secureshop.not_card_data_names</c>.
    /// </summary>
    internal sealed class CardDataVocabulary
    {
        public const string CardDataNamesKey = "secureshop.card_data_names";
        public const string NotCardDataNamesKey = "secureshop.not_card_data_names";

        private static readonly ImmutableArray<ImmutableArray<string>> s_panPhrases = Phrases(
            "card number", "card no", "card num", "card nbr", "cardnumber", "cardno", "cardnum",
            "cc number", "cc num", "cc no", "ccnumber", "ccnum", "ccn",
            "credit card", "creditcard", "creditcardnumber", "debit card", "pan", "primary account number");

        private static readonly ImmutableArray<ImmutableArray<string>> s_sadPhrases = Phrases(
            "cvv", "cvv2", "cvc", "cvc2", "cvn", "csc", "security code", "card code", "card verification",
            "track1", "track2", "track data", "trackdata", "mag stripe", "magstripe", "magnetic stripe",
            "pin block", "pinblock", "card pin");

        /// <summary>Short SAD words that mean card data only next to card or payment words ("Pin" of a support account, "cid" of a correlation id).</summary>
        private static readonly ImmutableArray<ImmutableArray<string>> s_sadPhrasesNeedingContext = Phrases("pin", "cid");

        /// <summary>Words that, anywhere in a name, say it is not (or no longer) the card data itself.</summary>
        private static readonly ImmutableHashSet<string> s_notCardDataWords = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "masked", "mask", "redacted", "truncated", "last4", "last", "first6", "bin", "iin", "hash", "hashed", "digest",
            "token", "tokenized", "tokenised", "encrypted", "cipher", "ciphertext", "protected", "fingerprint", "reference", "ref",
            "length", "len", "count", "type", "brand", "network", "scheme", "holder", "cardholder", "name", "expiry", "exp", "expiration",
            "month", "year", "gift", "loyalty", "reward", "rewards", "membership", "member", "library", "sim", "voucher", "store",
            "pattern", "regex", "format", "placeholder", "label", "hint", "error", "errors", "message", "field", "column", "key",
            "valid", "validator", "validation", "is", "has", "present", "provided", "required", "pinned", "id");

        private static readonly ImmutableHashSet<string> s_valueSuffixWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "value", "text", "raw", "plain", "plaintext", "clear", "cleartext", "input", "str", "string",
            "digits", "full", "data", "code", "number", "num", "no", "info", "details", "entered", "confirmation");

        /// <summary>Words of a type or member name that make "pin" / "cid" / "number" card context.</summary>
        private static readonly ImmutableHashSet<string> s_cardContextWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "card", "credit", "debit", "payment", "cc", "atm", "pos", "terminal");

        private const int MaxCached = 50000;

        private readonly ImmutableArray<ImmutableArray<string>> _extraPan;
        private readonly ImmutableArray<ImmutableArray<string>> _excluded;
        private ConcurrentDictionary<(string, string?), CardDataKind> _classified = SharedCache.Create<(string, string?), CardDataKind>();
        private int _cached;

        private CardDataVocabulary(ImmutableArray<ImmutableArray<string>> extraPan, ImmutableArray<ImmutableArray<string>> excluded)
        {
            _extraPan = extraPan;
            _excluded = excluded;
        }

        public static readonly CardDataVocabulary Default = new CardDataVocabulary(ImmutableArray<ImmutableArray<string>>.Empty, ImmutableArray<ImmutableArray<string>>.Empty);

        public static CardDataVocabulary Create(string? cardDataNames, string? notCardDataNames)
        {
            if (string.IsNullOrWhiteSpace(cardDataNames) && string.IsNullOrWhiteSpace(notCardDataNames))
            {
                return Default;
            }

            return new CardDataVocabulary(
                NameWords.ParsePhrases(cardDataNames).ToImmutableArray(),
                NameWords.ParsePhrases(notCardDataNames).ToImmutableArray());
        }

        /// <summary>
        /// Classifies a name. <paramref name="contextName"/> is the containing type's name: a member
        /// <c>Number</c> of <c>CreditCard</c> is a card number, <c>Pin</c> of <c>PaymentCard</c> is a PIN.
        /// </summary>
        public CardDataKind Classify(string name, string? contextName)
        {
            // Every card-data rule classifies the same members: the answer for a name is kept (up to a bound).
            var classified = _classified;
            if (classified.TryGetValue((name, contextName), out var kind))
            {
                return kind;
            }

            kind = ClassifyUncached(name, contextName);
            if (Interlocked.Increment(ref _cached) > MaxCached)
            {
                _classified = SharedCache.Create<(string, string?), CardDataKind>();
                _cached = 0;
            }
            else
            {
                classified.TryAdd((name, contextName), kind);
            }

            return kind;
        }

        private CardDataKind ClassifyUncached(string name, string? contextName)
        {
            var words = NameWords.Split(name);
            if (words.IsEmpty)
            {
                return CardDataKind.None;
            }

            foreach (var excluded in _excluded)
            {
                if (words.SequenceEqual(excluded) || NameWords.ContainsPhrase(words, excluded))
                {
                    return CardDataKind.None;
                }
            }

            foreach (var extra in _extraPan)
            {
                if (words.SequenceEqual(extra))
                {
                    return CardDataKind.Pan;
                }
            }

            if (NameWords.AnyIn(words, s_notCardDataWords))
            {
                return CardDataKind.None;
            }

            if (MatchesAny(words, s_sadPhrases))
            {
                return CardDataKind.Sad;
            }

            if (MatchesAny(words, s_panPhrases))
            {
                return CardDataKind.Pan;
            }

            var contextWords = contextName is null ? ImmutableArray<string>.Empty : NameWords.Split(contextName);
            bool inCardContext = NameWords.AnyIn(words, s_cardContextWords) ||
                (NameWords.AnyIn(contextWords, s_cardContextWords) && !NameWords.AnyIn(contextWords, s_notCardDataWords));
            if (!inCardContext)
            {
                return CardDataKind.None;
            }

            if (MatchesAny(words, s_sadPhrasesNeedingContext))
            {
                return CardDataKind.Sad;
            }

            // "Number" / "AccountNumber" of a card type.
            if (words[words.Length - 1] == "number" && NameWords.AnyIn(contextWords, s_cardContextWords) && contextWords.Contains("card"))
            {
                return CardDataKind.Pan;
            }

            return CardDataKind.None;
        }

        /// <summary>
        /// A phrase matches where it ends the name or is followed only by words that still denote the
        /// value itself ("CardNumberValue", "CvvCode"): "CreditCardSurcharge" is an amount, not a card.
        /// </summary>
        private static bool MatchesAny(ImmutableArray<string> words, ImmutableArray<ImmutableArray<string>> phrases)
        {
            foreach (var phrase in phrases)
            {
                int index = NameWords.IndexOfPhrase(words, phrase);
                if (index < 0)
                {
                    continue;
                }

                bool onlyValueWordsAfter = true;
                for (int i = index + phrase.Length; i < words.Length; i++)
                {
                    if (!s_valueSuffixWords.Contains(words[i]))
                    {
                        onlyValueWordsAfter = false;
                        break;
                    }
                }

                if (onlyValueWordsAfter)
                {
                    return true;
                }
            }

            return false;
        }

        private static ImmutableArray<ImmutableArray<string>> Phrases(params string[] phrases) =>
            phrases.Select(p => p.Split(' ').ToImmutableArray()).ToImmutableArray();
    }
}
