using System.Text;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// The one place that turns a value into something a message may show. Messages never carry a
    /// full card number or a secret: a PAN keeps its first six and last four digits
    /// (<c>4111 11** **** 1111</c>), a secret keeps at most a well-known prefix (<c>sk_live_****</c>).
    /// </summary>
    internal static class Mask
    {
        private static readonly string[] s_knownSecretPrefixes =
        {
            "sk_live_", "sk_test_", "rk_live_", "rk_test_", "pk_live_", "pk_test_", "whsec_", "AKIA", "ASIA", "ghp_", "gho_", "xoxb-", "xoxp-", "AIza", "SG.",
        };

        /// <summary>Masks the digits of a card number, keeping its first six and last four, grouped by four.</summary>
        public static string CardNumber(string value)
        {
            var digits = new StringBuilder(value.Length);
            foreach (char c in value)
            {
                if (c >= '0' && c <= '9')
                {
                    digits.Append(c);
                }
            }

            if (digits.Length < 11)
            {
                return new string('*', digits.Length);
            }

            var grouped = new StringBuilder(digits.Length + 5);
            for (int i = 0; i < digits.Length; i++)
            {
                if (i > 0 && i % 4 == 0)
                {
                    grouped.Append(' ');
                }

                bool visible = i < 6 || i >= digits.Length - 4;
                grouped.Append(visible ? digits[i] : '*');
            }

            return grouped.ToString();
        }

        /// <summary>Masks a secret: a well-known prefix stays (it names the kind of key), nothing else does.</summary>
        public static string Secret(string value)
        {
            foreach (var prefix in s_knownSecretPrefixes)
            {
                if (value.StartsWith(prefix, System.StringComparison.Ordinal))
                {
                    return prefix + "****";
                }
            }

            return "****";
        }
    }
}
