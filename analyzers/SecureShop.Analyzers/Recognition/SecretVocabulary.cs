using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// The names and declarations that denote a credential a log must not carry (SS3016): passwords, tokens, API keys,
    /// client secrets, private keys, OTPs, connection strings. Built on <see cref="SecretNames"/> without its derived
    /// values: a hash, HMAC, signature or nonce is what a log may show, and so are masked or encrypted forms, pagination
    /// and cancellation tokens, and names about a secret (<c>TokenExpiry</c>, <c>PasswordLength</c>, <c>ApiKeyName</c>).
    /// The type must be able to hold it: text, bytes or a <c>SecureString</c>, never a flag or a count.
    /// </summary>
    internal sealed class SecretVocabulary : ISensitiveNames
    {
        public static readonly SecretVocabulary Instance = new SecretVocabulary();

        private static readonly ImmutableArray<string> s_connectionString = ImmutableArray.Create("connection", "string");
        private static readonly ImmutableArray<string> s_connStr = ImmutableArray.Create("conn", "str");

        /// <summary>Words anywhere in a name that say the value is derived from a secret, about one, or no secret at all.</summary>
        private static readonly ImmutableHashSet<string> s_notSecretWords = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "hash", "hashed", "hmac", "signature", "digest", "mac", "nonce", "salt", "masked", "mask", "redacted", "truncated", "encrypted",
            "protected", "obfuscated", "last4", "preview", "is", "has", "continuation", "page", "paging", "cursor", "next", "cancellation",
            "sync", "lexer", "parser", "csrf", "xsrf", "antiforgery", "public");

        /// <summary>Last words of a name about a secret rather than the secret, beyond those <see cref="SecretNames"/> knows.</summary>
        private static readonly ImmutableHashSet<string> s_aboutTails = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "endpoint", "address", "lifespan", "timeout", "duration", "issuer", "audience", "store", "cache", "service", "manager", "generator",
            "factory", "claim", "claims", "purpose", "created", "date", "time", "at", "on", "expired", "valid", "validity", "used", "sent",
            "template", "message", "error", "errors", "status", "state", "location", "file", "folder", "directory", "parameter", "parameters",
            "param", "query", "cookie", "event", "request", "response", "result", "requirements", "strength", "attempts", "hint", "mode", "label");

        private SecretVocabulary()
        {
        }

        public CardDataKind Classify(ISymbol symbol, ITypeSymbol type)
        {
            if (!SensitiveTypes.IsText(type, bytes: true) && !SensitiveTypes.IsSecureString(type))
            {
                return CardDataKind.None;
            }

            return IsPasswordField(symbol) || IsSecretName(symbol.Name) ? CardDataKind.Secret : CardDataKind.None;
        }

        public CardDataKind ClassifyKey(string key) =>
            string.Equals(key, "Authorization", StringComparison.OrdinalIgnoreCase) || IsSecretName(key) ? CardDataKind.Secret : CardDataKind.None;

        /// <summary>True when the name denotes the credential itself ("password", "refreshToken", "StripeSecretKey", "connectionString").</summary>
        public static bool IsSecretName(string name)
        {
            var words = NameWords.Split(name);
            if (words.IsEmpty || NameWords.AnyIn(words, s_notSecretWords) || s_aboutTails.Contains(words[words.Length - 1]))
            {
                return false;
            }

            return EndsWith(words, s_connectionString) || EndsWith(words, s_connStr) || SecretNames.IsSecretName(name);
        }

        /// <summary>[DataType(DataType.Password)] (= 11) or [PasswordPropertyText]: the form field of a password.</summary>
        private static bool IsPasswordField(ISymbol symbol)
        {
            foreach (var attribute in symbol.Attributes())
            {
                switch (attribute.AttributeClass?.Name)
                {
                    case "PasswordPropertyTextAttribute":
                        return true;
                    case "DataTypeAttribute" when attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int dataType && dataType == 11:
                        return true;
                }
            }

            return false;
        }

        private static bool EndsWith(ImmutableArray<string> words, ImmutableArray<string> phrase) =>
            words.Length >= phrase.Length && NameWords.IndexOfPhrase(ImmutableArray.Create(words, words.Length - phrase.Length, phrase.Length), phrase) == 0;
    }
}
