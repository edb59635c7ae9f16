using System;
using System.Collections.Generic;
using System.Collections.Immutable;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Whether a route template, controller, page or action name denotes an area of a shop that must not be
    /// reachable anonymously (checkout, payment, orders, admin, account, customer, address, wallet, card), and
    /// whether it is one of the sign-in steps that have to stay anonymous (login, register, password reset,
    /// payment-provider webhooks).
    /// </summary>
    internal static class SensitiveEndpoint
    {
        /// <summary>Word in a name -> the area it denotes, as messages name it.</summary>
        private static readonly ImmutableDictionary<string, string> s_sensitiveWords = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["checkout"] = "checkout", ["payment"] = "payment", ["payments"] = "payment", ["pay"] = "payment",
            ["order"] = "order", ["orders"] = "order", ["admin"] = "admin", ["administration"] = "admin",
            ["account"] = "account", ["accounts"] = "account", ["customer"] = "customer", ["customers"] = "customer",
            ["address"] = "address", ["addresses"] = "address", ["wallet"] = "wallet", ["wallets"] = "wallet",
            ["card"] = "card", ["cards"] = "card", ["billing"] = "billing", ["invoice"] = "invoice", ["invoices"] = "invoice",
            ["refund"] = "refund", ["refunds"] = "refund",
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase);

        /// <summary>
        /// Steps that must stay anonymous, or are anonymous by design: signing in and out, registration and
        /// password reset, payment-provider webhooks, callbacks and notifications (IPN) that verify a signature,
        /// 3-D Secure and payment-page returns, public configuration that only hands out publishable keys, and
        /// guest carts and guest checkout.
        /// </summary>
        private static readonly ImmutableHashSet<string> s_anonymousStepWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase,
            "login", "logon", "signin", "signup", "register", "registration", "forgot", "reset", "logout", "signout",
            "lockout", "denied", "webhook", "webhooks", "callback", "callbacks", "confirm", "confirmation", "verify", "error",
            "ipn", "notify", "notification", "notifications", "threeds", "3ds", "publishable", "publishablekey", "guest",
            "twofactor", "2fa", "mfa", "otp", "sendcode", "wait");

        /// <summary>Words that, before "card", make it something other than a payment card: a gift-card balance page is not card data.</summary>
        private static readonly ImmutableHashSet<string> s_notPaymentCardQualifiers = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "gift", "giftcard", "loyalty", "reward", "rewards", "score", "post", "greeting", "business", "membership", "member", "store", "club", "wild", "id", "sim");

        /// <summary>The first name among <paramref name="names"/> with a sensitive word, or null.</summary>
        public static string? SensitiveWord(params string?[] names)
        {
            foreach (var name in names)
            {
                var words = Words(name);
                for (int i = 0; i < words.Length; i++)
                {
                    if (s_sensitiveWords.TryGetValue(words[i], out var area) &&
                        !(area == "card" && i > 0 && s_notPaymentCardQualifiers.Contains(words[i - 1])))
                    {
                        return area;
                    }
                }
            }

            return null;
        }

        /// <summary>True when one of <paramref name="names"/> is a sign-in step ("Login", "ResetPassword", "stripe/webhook").</summary>
        public static bool IsAnonymousStep(params string?[] names) => AnyWordOrPair(names, s_anonymousStepWords.Contains);

        /// <summary>
        /// A checkout or payment step that works on the cart or checkout the caller holds (a parameter naming a cart,
        /// basket or checkout: <c>shoppingCartId</c>, <c>checkoutId</c>):
        /// guest checkout, anonymous by design. Orders, accounts, admin and saved cards are never such steps.
        /// </summary>
        public static bool IsGuestCartStep(string area, IEnumerable<string> parameterNames)
        {
            if (area != "checkout" && area != "payment")
            {
                return false;
            }

            foreach (var name in parameterNames)
            {
                foreach (var word in NameWords.Split(name))
                {
                    if (word.Equals("cart", StringComparison.OrdinalIgnoreCase) || word.Equals("basket", StringComparison.OrdinalIgnoreCase) ||
                        word.Equals("checkout", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>True when one of <paramref name="names"/> signs the user out ("Logout", "account/signout", "LogOff").</summary>
        public static bool IsSignOut(params string?[] names) => AnyWordOrPair(names, s_signOutWords.Contains);

        private static readonly ImmutableHashSet<string> s_signOutWords = ImmutableHashSet.Create(StringComparer.OrdinalIgnoreCase, "logout", "logoff", "signout");

        private static readonly ImmutableHashSet<string> s_serverToServerWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "webhook", "webhooks", "callback", "callbacks", "ipn", "notify", "notification", "notifications");

        /// <summary>
        /// True when one of <paramref name="names"/> is a call from a payment provider or another server (a webhook,
        /// a callback, an IPN notification): it authenticates with a signature, not with a browser's cookie.
        /// </summary>
        public static bool IsServerToServerCall(params string?[] names) => AnyWordOrPair(names, s_serverToServerWords.Contains);

        /// <summary>A word of one of <paramref name="names"/>, or two adjacent words written together ("Log"+"Out"), that <paramref name="matches"/>.</summary>
        private static bool AnyWordOrPair(string?[] names, Func<string, bool> matches)
        {
            foreach (var name in names)
            {
                var words = Words(name);
                for (int i = 0; i < words.Length; i++)
                {
                    if (matches(words[i]) || (i + 1 < words.Length && matches(words[i] + words[i + 1])))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The words of a name or route template (segments split, route parameters skipped).</summary>
        private static readonly char[] s_segmentSeparators = { '/', '\\', '.', '-' };

        internal static ImmutableArray<string> Words(string? name)
        {
            if (string.IsNullOrEmpty(name))
            {
                return ImmutableArray<string>.Empty;
            }

            // A plain identifier (the common case, asked of every method): its words are cached by NameWords.
            if (name!.IndexOfAny(s_segmentSeparators) < 0)
            {
                return NameWords.Split(name);
            }

            // Route templates: "api/orders/{id:int}" -> segments; parameters are not names of an area.
            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var segment in name.Split(s_segmentSeparators))
            {
                if (segment.StartsWith("{", StringComparison.Ordinal))
                {
                    continue;
                }

                builder.AddRange(NameWords.Split(segment));
            }

            return builder.ToImmutable();
        }
    }
}
