using System;
using System.Collections.Immutable;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Names that say a value is a secret or a secret-derived value: passwords, tokens, API keys, hashes, signatures.
    /// A trailing descriptive word (<c>TokenType</c>, <c>PasswordLength</c>, <c>HashAlgorithm</c>) means the value
    /// is about the secret, not the secret itself.
    /// </summary>
    internal static class SecretNames
    {
        private static readonly ImmutableHashSet<string> s_secretWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase,
            "password", "passwd", "pwd", "passphrase", "secret", "token", "apikey", "hash", "hmac", "signature", "digest", "mac", "otp", "nonce");

        private static readonly ImmutableHashSet<string> s_descriptiveTails = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase,
            "type", "types", "kind", "name", "names", "algorithm", "length", "count", "format", "scheme", "version", "expiry", "expires",
            "expiration", "lifetime", "id", "ids", "url", "uri", "prefix", "header", "policy", "options", "settings", "provider",
            "hint", "label", "field", "path", "key", "required", "enabled", "changed", "reset", "confirmed", "validator", "handler", "source");

        /// <summary>True when the identifier names a secret ("providedToken", "expectedSignature", "ApiKey", "password_hash").</summary>
        public static bool IsSecretName(string identifier)
        {
            var words = NameWords.Split(identifier);
            if (words.Length == 0)
            {
                return false;
            }

            bool secret = false;
            for (int i = 0; i < words.Length; i++)
            {
                if (s_secretWords.Contains(words[i]) ||
                    (i + 1 < words.Length && words[i] == "api" && words[i + 1] == "key") ||
                    (i + 1 < words.Length && words[i] == "client" && words[i + 1] == "secret") ||
                    (i + 1 < words.Length && words[i] == "private" && words[i + 1] == "key"))
                {
                    secret = true;
                }
            }

            if (!secret)
            {
                return false;
            }

            string last = words[words.Length - 1];
            bool keyIsSecret = words.Length >= 2 && (words[words.Length - 2] == "api" || words[words.Length - 2] == "private" || words[words.Length - 2] == "secret");
            return !s_descriptiveTails.Contains(last) || (last == "key" && keyIsSecret);
        }
    }
}
