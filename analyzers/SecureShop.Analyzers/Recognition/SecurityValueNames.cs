using System;
using System.Collections.Immutable;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Names of values a stranger must not be able to guess: everything <see cref="SecretNames"/> knows (passwords,
    /// tokens, API keys, OTPs, nonces), plus a shop's own: coupon, voucher, promo and gift-card codes, order ids and
    /// numbers, reset/verification/confirmation/invitation/activation/approval/one-time codes, PINs, salts, IVs, session ids, licence
    /// and encryption keys. Judged by the last word of the name (<c>couponCode</c>, <c>GiftCardNumber</c>,
    /// <c>orderId</c>, <c>pinCode</c>, <c>salt</c>), so <c>CouponDiscount</c>, <c>PinLength</c> or <c>ProductId</c> are
    /// not. A bare <c>Code</c>, <c>Number</c> or <c>Id</c> is judged with its context: the declaring type
    /// (<c>GiftCard.Number</c>, <c>Order.Id</c>), the method that takes it (<c>SendVerificationSms(code)</c>) or the
    /// method a local is in (<c>SendLoginCode</c>).
    /// </summary>
    internal static class SecurityValueNames
    {
        /// <summary>Words that name the value by themselves when they end the name.</summary>
        private static readonly ImmutableHashSet<string> s_standalone = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "salt", "pin", "pins", "passcode", "totp", "hotp", "iv", "coupon", "coupons", "voucher", "vouchers", "giftcard", "giftcards", "csrf", "xsrf");

        /// <summary>Heads of a code; secret after one of <see cref="s_codeQualifiers"/> (<c>couponCode</c>, <c>giftCardNumber</c>).</summary>
        private static readonly ImmutableHashSet<string> s_codeHeads = ImmutableHashSet.Create(
            StringComparer.Ordinal, "code", "codes", "number", "numbers", "no", "num", "pin", "serial");

        private static readonly ImmutableHashSet<string> s_codeQualifiers = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "coupon", "voucher", "promo", "promotion", "discount", "gift", "giftcard", "redemption", "redeem", "referral", "claim", "backup",
            "reset", "recovery", "verification", "verify", "confirmation", "confirm", "invitation", "invite", "activation", "activate",
            "unlock", "access", "login", "auth", "authorization", "mfa", "twofactor", "2fa", "sms", "pin", "passcode", "approval", "approve",
            "otp", "onetime", "signin");

        /// <summary>Heads of an identifier; secret after one of <see cref="s_idQualifiers"/> (<c>orderNumber</c>, <c>sessionId</c>, <c>resetId</c>).</summary>
        private static readonly ImmutableHashSet<string> s_idHeads = ImmutableHashSet.Create(
            StringComparer.Ordinal, "id", "ids", "number", "numbers", "no", "num", "ref", "reference", "code");

        private static readonly ImmutableHashSet<string> s_idQualifiers = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "order", "booking", "reservation", "session", "reset", "recovery", "verification", "confirmation", "invitation", "activation");

        private static readonly ImmutableHashSet<string> s_keyHeads = ImmutableHashSet.Create(StringComparer.Ordinal, "key", "keys");

        /// <summary>The word right before "key" that makes it a secret (<c>licenseKey</c>, <c>encryptionKey</c>; not <c>cacheKey</c>).</summary>
        private static readonly ImmutableHashSet<string> s_keyQualifiers = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "license", "licence", "product", "activation", "encryption", "signing", "hmac", "aes", "master", "session", "access", "recovery", "unlock");

        /// <summary>Last words of a number that is about the value, not the value (<c>TokenRefreshDelay</c>, <c>PinRetryCount</c>).</summary>
        private static readonly ImmutableHashSet<string> s_measures = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "delay", "interval", "timeout", "jitter", "backoff", "index", "idx", "position", "offset", "size", "length", "count", "attempt", "attempts",
            "retry", "retries", "weight", "percent", "percentage", "ttl", "duration", "seconds", "minutes", "milliseconds", "ms", "seed", "sample", "color", "colour");

        /// <summary>Trailing words that say how the value is held, not what it is: <c>tokenBytes</c>, <c>codeChars</c>, <c>saltBuffer</c>.</summary>
        private static readonly ImmutableHashSet<string> s_representation = ImmutableHashSet.Create(
            StringComparer.Ordinal, "value", "string", "text", "str", "bytes", "buffer", "chars", "characters", "digits", "array", "raw", "plain");

        /// <summary>Words of a type name that say nothing about what it holds: <c>GiftCardDto</c> is a gift card.</summary>
        private static readonly ImmutableHashSet<string> s_typeSuffixes = ImmutableHashSet.Create(
            StringComparer.Ordinal, "entity", "dto", "model", "request", "response", "record", "data", "info", "details", "command", "view");

        /// <summary>True when <paramref name="name"/> names a security value; a bare head (<c>Code</c>) is judged with <paramref name="context"/>.</summary>
        public static bool IsSecurityValueName(string name, string? context = null)
        {
            var words = Strip(NameWords.Split(name), s_representation);
            if (words.Length > 0 && s_measures.Contains(words[words.Length - 1]))
            {
                return false;
            }

            if (SecretNames.IsSecretName(name))
            {
                return true;
            }

            if (words.Length == 1 && context is not null && IsHead(words[0]))
            {
                words = Strip(NameWords.Split(context), s_typeSuffixes).AddRange(words);
            }

            if (words.Length == 0)
            {
                return false;
            }

            string last = words[words.Length - 1];
            if (s_standalone.Contains(last) || (last is "card" or "cards" && Before(words, 1) == "gift"))
            {
                return true;
            }

            // A one-time code: "OneTimeCode", "one_time_pin".
            if (s_codeHeads.Contains(last) && Before(words, 1) == "time" && Before(words, 2) == "one")
            {
                return true;
            }

            return (s_codeHeads.Contains(last) && QualifiedBy(words, s_codeQualifiers)) ||
                (s_idHeads.Contains(last) && QualifiedBy(words, s_idQualifiers)) ||
                (s_keyHeads.Contains(last) && Before(words, 1) is string qualifier && s_keyQualifiers.Contains(qualifier));
        }

        private static bool IsHead(string word) =>
            s_codeHeads.Contains(word) || s_idHeads.Contains(word) || s_keyHeads.Contains(word);

        /// <summary>One of the two words before the last is a qualifier; "card" qualifies when "gift" precedes it.</summary>
        private static bool QualifiedBy(ImmutableArray<string> words, ImmutableHashSet<string> qualifiers)
        {
            for (int distance = 1; distance <= 2; distance++)
            {
                string? word = Before(words, distance);
                if (word is not null && (qualifiers.Contains(word) || (word == "card" && Before(words, distance + 1) == "gift" && qualifiers.Contains("gift"))))
                {
                    return true;
                }
            }

            return false;
        }

        private static string? Before(ImmutableArray<string> words, int distance) =>
            words.Length - 1 - distance >= 0 ? words[words.Length - 1 - distance] : null;

        private static ImmutableArray<string> Strip(ImmutableArray<string> words, ImmutableHashSet<string> trailing)
        {
            int length = words.Length;
            while (length > 1 && trailing.Contains(words[length - 1]))
            {
                length--;
            }

            return length == words.Length ? words : ImmutableArray.Create(words, 0, length);
        }
    }
}
