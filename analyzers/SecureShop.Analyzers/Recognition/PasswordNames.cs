using System;
using System.Collections.Immutable;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Names that hold a password itself: <c>password</c>, <c>newPwd</c>, <c>Passphrase</c>. Names of values derived from or
    /// about a password (<c>PasswordHash</c>, <c>PasswordSalt</c>, <c>PasswordHint</c>, <c>PasswordResetToken</c>) do not.
    /// </summary>
    internal static class PasswordNames
    {
        private static readonly ImmutableHashSet<string> s_passwordWords = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "password", "passwd", "pwd", "passphrase", "passcode");

        private static readonly ImmutableHashSet<string> s_notThePassword = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase,
            "hash", "hashed", "salt", "hint", "length", "policy", "reset", "confirmed", "changed", "expiry", "expires", "required",
            "options", "format", "version", "field", "name", "message", "label", "token", "encrypted", "protected", "last", "date", "at",
            "strength", "validator", "hasher", "count", "attempts", "enabled");

        public static bool IsPasswordName(string identifier)
        {
            var words = NameWords.Split(identifier);
            bool password = false;
            foreach (var word in words)
            {
                if (s_notThePassword.Contains(word))
                {
                    return false;
                }

                password |= s_passwordWords.Contains(word);
            }

            return password;
        }
    }
}
