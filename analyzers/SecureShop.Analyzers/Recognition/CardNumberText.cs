namespace SecureShop.Analyzers.Recognition
{
    /// <summary>Recognises text that is a real-looking card number: 13-19 digits (spaces or dashes between groups), Luhn-valid, known issuer.</summary>
    internal static class CardNumberText
    {
        /// <summary>Well-known test PANs published by the card networks and payment gateways.</summary>
        private static readonly string[] s_knownTestNumbers =
        {
            "4111111111111111", "4242424242424242", "4000056655665556", "4012888888881881", "4222222222222",
            "4000000000000002", "4000000000009995", "4000002500003155", "4000000000000077", "4000000000003220",
            "5555555555554444", "5200828282828210", "5105105105105100", "2223003122003222", "5454545454545454",
            "378282246310005", "371449635398431", "378734493671000", "6011111111111117", "6011000990139424",
            "3056930009020004", "36227206271667", "30569309025904", "38520000023237", "3566002020360505", "3530111333300000",
            "6200000000000005", "4917610000000000", "4444333322221111", "5500000000000004", "4000000760000002",
        };

        /// <summary>
        /// Returns the digits when <paramref name="text"/> is a card number, otherwise null. Separators are
        /// allowed only between digits, so phone numbers with brackets or words around them do not match.
        /// </summary>
        public static string? TryGetDigits(string text)
        {
            if (text.Length < 13 || text.Length > 23)
            {
                return null;
            }

            var digits = new char[19];
            int count = 0;
            char previous = ' ';
            for (int i = 0; i < text.Length; i++)
            {
                char c = text[i];
                if (c >= '0' && c <= '9')
                {
                    if (count == 19)
                    {
                        return null;
                    }

                    digits[count++] = c;
                }
                else if ((c == ' ' || c == '-') && i > 0 && i < text.Length - 1 && previous >= '0' && previous <= '9')
                {
                    // a single separator between digits
                }
                else
                {
                    return null;
                }

                previous = c;
            }

            if (count < 13)
            {
                return null;
            }

            var result = new string(digits, 0, count);
            return HasKnownIssuerPrefix(result) && PassesLuhn(result) && !IsRepetitive(result) ? result : null;
        }

        public static bool IsKnownTestNumber(string digits) => System.Array.IndexOf(s_knownTestNumbers, digits) >= 0;

        public static bool PassesLuhn(string digits)
        {
            int sum = 0;
            bool doubleIt = false;
            for (int i = digits.Length - 1; i >= 0; i--)
            {
                int d = digits[i] - '0';
                if (doubleIt)
                {
                    d *= 2;
                    if (d > 9)
                    {
                        d -= 9;
                    }
                }

                sum += d;
                doubleIt = !doubleIt;
            }

            return sum % 10 == 0;
        }

        /// <summary>Issuer identification ranges of the networks a shop takes (Visa, Mastercard, Amex, Discover, Diners, JCB, UnionPay, Maestro).</summary>
        public static bool HasKnownIssuerPrefix(string digits)
        {
            int len = digits.Length;
            int p2 = int.Parse(digits.Substring(0, 2), System.Globalization.CultureInfo.InvariantCulture);
            int p3 = int.Parse(digits.Substring(0, 3), System.Globalization.CultureInfo.InvariantCulture);
            int p4 = int.Parse(digits.Substring(0, 4), System.Globalization.CultureInfo.InvariantCulture);
            int p6 = int.Parse(digits.Substring(0, 6), System.Globalization.CultureInfo.InvariantCulture);
            return
                (digits[0] == '4' && (len == 13 || len == 16 || len == 19)) ||                        // Visa
                (((p2 >= 51 && p2 <= 55) || (p6 >= 222100 && p6 <= 272099)) && len == 16) ||        // Mastercard
                ((p2 == 34 || p2 == 37) && len == 15) ||                                               // American Express
                ((p4 == 6011 || p2 == 65 || (p3 >= 644 && p3 <= 649) || (p6 >= 622126 && p6 <= 622925)) && len >= 16) || // Discover
                (((p3 >= 300 && p3 <= 305) || p2 == 36 || p2 == 38 || p2 == 39) && len >= 14) ||     // Diners Club
                (p4 >= 3528 && p4 <= 3589 && len >= 16) ||                                              // JCB
                (p2 == 62 && len >= 16) ||                                                              // UnionPay
                ((p2 == 50 || (p2 >= 56 && p2 <= 58) || p2 == 63 || p2 == 67) && len >= 12);           // Maestro
        }

        /// <summary>"4444444444444448" (one digit repeated, then the check digit) is a placeholder more often than a card.</summary>
        private static bool IsRepetitive(string digits)
        {
            for (int i = 1; i < digits.Length - 1; i++)
            {
                if (digits[i] != digits[0])
                {
                    return false;
                }
            }

            return true;
        }
    }
}
