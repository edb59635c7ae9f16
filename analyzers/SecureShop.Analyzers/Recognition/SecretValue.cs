using System;
using System.Text.RegularExpressions;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>What a literal given to a secret-shaped name turns out to be, judged by its value.</summary>
    internal enum SecretValueKind
    {
        /// <summary>A value that may be the secret itself.</summary>
        Secret,

        /// <summary>Empty, a template or placeholder, or the name of a configuration setting.</summary>
        Placeholder,

        /// <summary>The name of a key rather than a key: equal to or made of its own name, a snake/kebab-case identifier, a URL path, a glob, a short word.</summary>
        KeyName,

        /// <summary>An alphabet to draw characters from (<c>"ABCDEFGHJKLMNPQRSTUVWXYZ23456789"</c>).</summary>
        CharacterSet,
    }

    /// <summary>
    /// The shared secret-value classifier: given a literal and the name it is given to, is it plausibly the secret, or
    /// something that merely lives next to a secret (the key it is stored under, a route, a file pattern, the characters
    /// a token is made of)? Tokens, API keys and client secrets are machine-made and long, so a short word or an
    /// identifier is a name; passwords are chosen by people, so a short word given to a password is still a password.
    /// </summary>
    internal static class SecretValue
    {
        private static readonly Regex s_identifier = new Regex(
            @"^[a-z]+([_\-.][a-z]+)+$", RegexOptions.CultureInvariant);

        private static readonly Regex s_urlPath = new Regex(
            @"^(~?/[A-Za-z0-9_\-.{}:/]*|[a-z0-9_\-.{}]+(/[a-z0-9_\-.{}]+)+/?)$", RegexOptions.CultureInvariant);

        /// <summary>
        /// Classifies <paramref name="text"/>, given to a name (<paramref name="name"/>). A slot that can only hold a credential
        /// (<paramref name="credentialSlot"/>: <c>OAuthOptions.ClientSecret</c>) makes any value but an empty one or a placeholder
        /// a secret, even <c>"secret"</c> or <c>"client_secret"</c>: there is nothing else such a member could hold.
        /// </summary>
        public static SecretValueKind Classify(string name, string text, bool credentialSlot)
        {
            string value = text.Trim();
            if (SecretText.IsPlaceholder(value))
            {
                // "secret" and "password" pass for placeholders under a name that might hold a setting name; in a member
                // that can only hold the credential they are the (guessable) credential.
                return credentialSlot && SecretText.IsGuessableWord(value) ? SecretValueKind.Secret : SecretValueKind.Placeholder;
            }

            if (credentialSlot)
            {
                return SecretValueKind.Secret;
            }

            if (IsKeyName(name, value))
            {
                return SecretValueKind.KeyName;
            }

            return IsCharacterSet(value) ? SecretValueKind.CharacterSet : SecretValueKind.Secret;
        }

        private static bool IsKeyName(string name, string value)
        {
            if (ResemblesName(name, value) || s_urlPath.IsMatch(value) || IsGlob(value))
            {
                return true;
            }

            // A person may well choose "shop_admin" or "root" as a password; no token generator does.
            if (PasswordNames.IsPasswordName(name))
            {
                return false;
            }

            return s_identifier.IsMatch(value) || IsShortWord(value);
        }

        /// <summary><c>AccessToken = "access_token"</c>, <c>TokenKey = "user_token"</c>, <c>ApiKey = "X-Api-Key"</c>: the value spells (part of) its own name.</summary>
        private static bool ResemblesName(string name, string value)
        {
            if (value.Length > 64 || value.IndexOf(' ') >= 0)
            {
                return false;
            }

            var nameWords = NameWords.Split(name);
            var valueWords = NameWords.Split(value);
            if (valueWords.Length == 0 || Squash(name).Equals(Squash(value), StringComparison.OrdinalIgnoreCase))
            {
                return valueWords.Length > 0;
            }

            // A few words, no digits, at least half of them taken from the name: "user_token" under TokenKey. A sentence that
            // merely mentions the name's words ("ThisIsMySuperSecretKeyForJwt" under JwtSecret) is a made-up secret.
            if (valueWords.Length < 2 || valueWords.Length > 4 || HasDigit(value))
            {
                return false;
            }

            int shared = 0;
            foreach (var word in valueWords)
            {
                if (word.Length > 1 && nameWords.Contains(word))
                {
                    shared++;
                }
            }

            return shared * 2 >= valueWords.Length;
        }

        private static string Squash(string s)
        {
            var chars = new char[s.Length];
            int n = 0;
            foreach (char c in s)
            {
                if (char.IsLetterOrDigit(c))
                {
                    chars[n++] = char.ToLowerInvariant(c);
                }
            }

            return new string(chars, 0, n);
        }

        private static bool HasDigit(string s)
        {
            foreach (char c in s)
            {
                if (c >= '0' && c <= '9')
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A lower-case word of at most six letters: "path", "scope", "bearer".</summary>
        private static bool IsShortWord(string value)
        {
            if (value.Length > 6)
            {
                return false;
            }

            foreach (char c in value)
            {
                if (c < 'a' || c > 'z')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>"*"</c>, <c>"*.pfx"</c>, <c>"keys/**/*.pem"</c>: every <c>*</c> stands at a path or extension boundary.</summary>
        private static bool IsGlob(string value)
        {
            if (value.IndexOf('*') < 0)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                char c = value[i];
                if (!(char.IsLetterOrDigit(c) || c is '*' or '?' or '.' or '/' or '\\' or '_' or '-'))
                {
                    return false;
                }

                if (c == '*')
                {
                    bool before = i == 0 || value[i - 1] is '*' or '/' or '\\' or '.';
                    bool after = i == value.Length - 1 || value[i + 1] is '*' or '/' or '\\' or '.';
                    if (!before && !after)
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// An alphabet: ten or more characters, none repeated, most of them in ascending runs such as <c>ABCDEFGH</c> or
        /// <c>23456789</c>. Random secrets repeat characters and seldom hold runs.
        /// </summary>
        private static bool IsCharacterSet(string value)
        {
            if (value.Length < 10)
            {
                return false;
            }

            for (int i = 0; i < value.Length; i++)
            {
                if (value.IndexOf(value[i], i + 1) >= 0)
                {
                    return false;
                }
            }

            int inRuns = 0;
            int run = 1;
            for (int i = 1; i <= value.Length; i++)
            {
                if (i < value.Length && value[i] == value[i - 1] + 1)
                {
                    run++;
                    continue;
                }

                if (run >= 3)
                {
                    inRuns += run;
                }

                run = 1;
            }

            return inRuns * 4 >= value.Length * 3;
        }
    }
}
