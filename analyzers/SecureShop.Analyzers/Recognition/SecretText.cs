using System;
using System.Text.RegularExpressions;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// What a string literal says about secrets: a well-known key format (payment gateways, clouds, PEM private keys),
    /// a connection string with a password, or a value that is only a placeholder or the name of a setting.
    /// A PEM header with nothing after it (<c>"-----BEGIN PRIVATE KEY-----"</c>, used to find or strip the armor) is not a key.
    /// </summary>
    internal static class SecretText
    {
        private static readonly Regex s_knownFormats = new Regex(
            @"(?<![A-Za-z0-9])(" +
            @"sk_live_[0-9A-Za-z]{10,}|rk_live_[0-9A-Za-z]{10,}|whsec_[0-9A-Za-z+/=]{16,}" +       // Stripe secret, restricted and webhook keys
            @"|(AKIA|ASIA)[0-9A-Z]{16}" +                                                              // AWS access key id
            @"|-----BEGIN ((RSA|EC|DSA|OPENSSH|ENCRYPTED|PGP) )?PRIVATE KEY( BLOCK)?-----(?=\s*[A-Za-z0-9+/=]{4})" + // PEM private key (a header with a body; the header alone is a marker)
            @"|gh[pousr]_[0-9A-Za-z]{36}" +                                                            // GitHub tokens
            @"|xox[baprs]-[0-9A-Za-z-]{10,}" +                                                         // Slack tokens
            @"|AIza[0-9A-Za-z_\-]{35}" +                                                               // Google API key
            @"|SG\.[0-9A-Za-z_\-]{16,}\.[0-9A-Za-z_\-]{16,}" +                                         // SendGrid API key
            @"|sq0csp-[0-9A-Za-z_\-]{20,}" +                                                           // Square application secret
            @"|access_token\$production\$[0-9a-z]{16}\$[0-9a-f]{32}" +                               // Braintree/PayPal access token
            @")",
            RegexOptions.CultureInvariant);

        private static readonly Regex s_connectionPassword = new Regex(
            @"(^|;)\s*(Password|Pwd)\s*=\s*(?<value>[^;]*)",
            RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

        private static readonly Regex s_settingName = new Regex(
            @"^([A-Za-z][A-Za-z0-9_]*[:.])+[A-Za-z][A-Za-z0-9_]*$|^[A-Z][A-Z0-9]*(_[A-Z0-9]+)+$",
            RegexOptions.CultureInvariant);

        /// <summary>The well-known key in <paramref name="text"/>, or null.</summary>
        public static string? KnownKey(string text)
        {
            var match = s_knownFormats.Match(text);
            return match.Success ? match.Value : null;
        }

        /// <summary>The password of a connection string (<c>...;Password=secret;...</c>) unless it is empty or a placeholder.</summary>
        public static string? ConnectionStringPassword(string text)
        {
            if (text.IndexOf('=') < 0)
            {
                return null;
            }

            var match = s_connectionPassword.Match(text);
            if (!match.Success)
            {
                return null;
            }

            string value = match.Groups["value"].Value.Trim().Trim('\'', '"');
            return IsPlaceholder(value) ? null : value;
        }

        /// <summary>
        /// A word that reads as a placeholder where a setting's name could stand, but is a real, guessable credential where
        /// only a credential can stand (<c>options.ClientSecret = "secret"</c>).
        /// </summary>
        public static bool IsGuessableWord(string value) =>
            value.Equals("secret", StringComparison.OrdinalIgnoreCase) || value.Equals("password", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// Empty, a placeholder (<c>&lt;your-key&gt;</c>, <c>{0}</c>, <c>${SECRET}</c>, <c>%SECRET%</c>, <c>xxx</c>, <c>***</c>,
        /// <c>your-api-key</c>, <c>TODO</c>), or the name of a setting (<c>Stripe:SecretKey</c>, <c>STRIPE_SECRET_KEY</c>).
        /// <c>changeme</c> is not a placeholder: it is a real, guessable password.
        /// </summary>
        public static bool IsPlaceholder(string value)
        {
            string v = value.Trim();
            if (v.Length == 0)
            {
                return true;
            }

            if ((v.StartsWith("<", StringComparison.Ordinal) && v.EndsWith(">", StringComparison.Ordinal)) ||
                (v.StartsWith("{", StringComparison.Ordinal) && v.EndsWith("}", StringComparison.Ordinal)) ||
                v.StartsWith("${", StringComparison.Ordinal) || v.StartsWith("$(", StringComparison.Ordinal) ||
                (v.StartsWith("%", StringComparison.Ordinal) && v.EndsWith("%", StringComparison.Ordinal)) ||
                (v.StartsWith("[", StringComparison.Ordinal) && v.EndsWith("]", StringComparison.Ordinal)) ||
                v.StartsWith("your", StringComparison.OrdinalIgnoreCase) || v.StartsWith("my-", StringComparison.OrdinalIgnoreCase) ||
                v.IndexOf("placeholder", StringComparison.OrdinalIgnoreCase) >= 0 ||
                v.IndexOf("replace", StringComparison.OrdinalIgnoreCase) >= 0 ||
                v.Equals("todo", StringComparison.OrdinalIgnoreCase) || v.Equals("none", StringComparison.OrdinalIgnoreCase) ||
                v.Equals("null", StringComparison.OrdinalIgnoreCase) || v.Equals("secret", StringComparison.OrdinalIgnoreCase) ||
                v.Equals("password", StringComparison.OrdinalIgnoreCase) || v.Equals("bearer", StringComparison.OrdinalIgnoreCase) ||
                v.Equals("basic", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            bool allMaskChars = true;
            foreach (char c in v)
            {
                if (c != 'x' && c != 'X' && c != '*' && c != '.' && c != '-' && c != '_' && c != '0')
                {
                    allMaskChars = false;
                    break;
                }
            }

            return allMaskChars || s_settingName.IsMatch(v);
        }
    }
}
