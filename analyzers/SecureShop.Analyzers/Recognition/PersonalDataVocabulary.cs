using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// The names and declarations that denote a customer's personal data (RULES.md, SS5001/SS5002): e-mail, phone,
    /// postal address, birth date, national id and IP address, split into words like the card vocabulary. A name is
    /// personal data when the phrase ends it or is followed only by words that still denote the value
    /// (<c>EmailAddress</c>, <c>PhoneNumber</c>, <c>AddressLine1</c>), not by words about it (<c>EmailTemplate</c>,
    /// <c>PhoneNumberConfirmed</c>, <c>AddressId</c>, <c>IpRateLimit</c>); the shop's own addresses (<c>SenderEmail</c>,
    /// <c>StorePhone</c>, members of <c>*Settings</c>) are not a customer's. The type must be able to hold the value: text,
    /// a date for a birth date, an <c>IPAddress</c> for an IP. <c>[PersonalData]</c>, <c>[ProtectedPersonalData]</c>, user
    /// attributes named <c>PersonalData</c>/<c>Pii</c>, and <c>secureshop.personal_data_names</c> /
    /// <c>secureshop.not_personal_data_names</c> extend and trim it.
    /// </summary>
    internal sealed class PersonalDataVocabulary : ISensitiveNames
    {
        public const string PersonalDataNamesKey = "secureshop.personal_data_names";
        public const string NotPersonalDataNamesKey = "secureshop.not_personal_data_names";

        private enum Category
        {
            None,
            Email,
            Phone,
            Address,
            BirthDate,
            NationalId,
            Ip,
        }

        // Checked in this order: "EmailAddress" and "IpAddress" are not postal addresses.
        private static readonly (Category Category, ImmutableArray<ImmutableArray<string>> Phrases)[] s_phrases =
        {
            (Category.Email, Phrases("email", "e mail", "emailaddress", "mail address", "email addr")),
            (Category.Ip, Phrases("ip", "ipaddress", "ipv4", "ipv6", "ip addr")),
            (Category.Phone, Phrases("phone", "phonenumber", "telephone", "mobile", "mobilephone", "mobile number", "cellphone", "cell phone", "msisdn", "fax")),
            (Category.BirthDate, Phrases("birth date", "birthdate", "date of birth", "dob", "birthday", "birth day")),
            (Category.NationalId, Phrases(
                "ssn", "social security number", "social security no", "national id", "nationalid", "national identity number",
                "national identification number", "national insurance number", "passport", "passport number", "id card number",
                "identity card number", "driver license number", "drivers license number", "driving licence number", "personal id number", "cpf")),
            (Category.Address, Phrases("street", "street address", "address line", "address line1", "address line2", "address line3", "address1", "address2", "address3", "house number")),
        };

        /// <summary>Words after the phrase that still denote the value itself.</summary>
        private static readonly ImmutableHashSet<string> s_valueSuffixWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "value", "text", "raw", "plain", "input", "str", "string", "number", "no", "num", "nbr", "address", "addr",
            "line", "line1", "line2", "line3", "1", "2", "3", "entered", "full", "normalized", "lower", "upper", "trimmed");

        /// <summary>Words anywhere in a name that say it is not a customer's value: the shop's own, a sample, a masked or hashed form, a flag.</summary>
        private static readonly ImmutableHashSet<string> s_notPersonalWords = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "from", "sender", "noreply", "reply", "admin", "administrator", "support", "store", "shop", "system", "smtp", "company", "vendor",
            "warehouse", "merchant", "default", "test", "sample", "example", "dummy", "fake", "placeholder", "is", "has", "masked", "mask",
            "hashed", "hash", "encrypted", "redacted", "anonymized", "anonymised", "pseudonymized", "obfuscated", "truncated", "server", "host",
            "proxy", "local", "localhost", "loopback", "gateway", "bind", "listen", "listening", "service", "notification", "bcc", "pattern", "regex");

        /// <summary>The word before a bare "address" that makes it postal (<c>ShippingAddress</c>; not <c>RemoteAddress</c>, <c>MacAddress</c>).</summary>
        private static readonly ImmutableHashSet<string> s_postalQualifiers = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "billing", "shipping", "delivery", "postal", "home", "customer", "user", "mailing", "residential", "residence", "contact", "invoice",
            "buyer", "recipient", "person", "personal", "primary", "formatted", "full", "private", "physical");

        /// <summary>Words of a type name whose bare <c>Address</c> member is a postal address.</summary>
        private static readonly ImmutableHashSet<string> s_personContextWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "customer", "user", "person", "contact", "buyer", "recipient", "member", "profile", "billing", "shipping", "delivery", "order", "address");

        /// <summary>Words of a type name that make its members configuration or the shop's own data.</summary>
        private static readonly ImmutableHashSet<string> s_configurationContextWords = ImmutableHashSet.Create(
            StringComparer.Ordinal, "settings", "setting", "options", "config", "configuration", "smtp", "store", "warehouse", "vendor");

        public static readonly PersonalDataVocabulary Default = new PersonalDataVocabulary(ImmutableArray<ImmutableArray<string>>.Empty, ImmutableArray<ImmutableArray<string>>.Empty);

        private readonly ImmutableArray<ImmutableArray<string>> _extra;
        private readonly ImmutableArray<ImmutableArray<string>> _excluded;

        private PersonalDataVocabulary(ImmutableArray<ImmutableArray<string>> extra, ImmutableArray<ImmutableArray<string>> excluded)
        {
            _extra = extra;
            _excluded = excluded;
        }

        public static PersonalDataVocabulary Create(string? names, string? notNames) =>
            string.IsNullOrWhiteSpace(names) && string.IsNullOrWhiteSpace(notNames)
                ? Default
                : new PersonalDataVocabulary(NameWords.ParsePhrases(names).ToImmutableArray(), NameWords.ParsePhrases(notNames).ToImmutableArray());

        public CardDataKind Classify(ISymbol symbol, ITypeSymbol type)
        {
            var words = NameWords.Split(symbol.Name);
            if (words.IsEmpty || IsExcluded(words))
            {
                return CardDataKind.None;
            }

            bool text = SensitiveTypes.IsText(type);
            if (IsDeclaredPersonal(symbol))
            {
                // Identity marks Id, EmailConfirmed and TwoFactorEnabled [PersonalData] too: an id or a flag says nothing about the person.
                string last = words[words.Length - 1];
                return (text || SensitiveTypes.IsDate(type) || SensitiveTypes.IsIpAddress(type)) && last != "id" && last != "ids" && last != "key"
                    ? CardDataKind.PersonalData
                    : CardDataKind.None;
            }

            if (IsExtra(words))
            {
                return text ? CardDataKind.PersonalData : CardDataKind.None;
            }

            string? context = symbol.Kind is SymbolKind.Property or SymbolKind.Field ? symbol.ContainingType?.Name : null;
            var contextWords = context is null ? ImmutableArray<string>.Empty : NameWords.Split(context);
            if (NameWords.AnyIn(contextWords, s_configurationContextWords) || IsMailbox(contextWords))
            {
                return CardDataKind.None;
            }

            var category = CategoryOf(words, contextWords);
            if (category == Category.None && HasPersonalDataType(symbol))
            {
                category = Category.Email;
            }

            bool fits = category switch
            {
                Category.None => false,
                Category.BirthDate => text || SensitiveTypes.IsDate(type),
                Category.Ip => text || SensitiveTypes.IsIpAddress(type),
                _ => text,
            };
            return fits ? CardDataKind.PersonalData : CardDataKind.None;
        }

        public CardDataKind ClassifyKey(string key)
        {
            var words = NameWords.Split(key);
            if (words.IsEmpty || IsExcluded(words))
            {
                return CardDataKind.None;
            }

            return IsExtra(words) || CategoryOf(words, ImmutableArray<string>.Empty) != Category.None ? CardDataKind.PersonalData : CardDataKind.None;
        }

        private bool IsExcluded(ImmutableArray<string> words)
        {
            foreach (var excluded in _excluded)
            {
                if (NameWords.ContainsPhrase(words, excluded))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsExtra(ImmutableArray<string> words)
        {
            foreach (var extra in _extra)
            {
                if (words.SequenceEqual(extra))
                {
                    return true;
                }
            }

            return false;
        }

        private static Category CategoryOf(ImmutableArray<string> words, ImmutableArray<string> contextWords)
        {
            if (NameWords.AnyIn(words, s_notPersonalWords))
            {
                return Category.None;
            }

            foreach (var (category, phrases) in s_phrases)
            {
                if (EndsWithAny(words, phrases))
                {
                    return category;
                }
            }

            // A bare "address" is postal only when a word before it or the declaring type says so (not RemoteAddress, BaseAddress).
            int index = words.IndexOf("address");
            if (index >= 0 && OnlyValueWordsAfter(words, index + 1))
            {
                if (index > 0 ? s_postalQualifiers.Contains(words[index - 1]) : NameWords.AnyIn(contextWords, s_personContextWords))
                {
                    return Category.Address;
                }
            }

            return Category.None;
        }

        /// <summary><c>EmailAccount</c>, <c>MailServer</c>, <c>MailSender</c>: the shop's outgoing mailbox, whose <c>Email</c> is the shop's.</summary>
        private static bool IsMailbox(ImmutableArray<string> contextWords) =>
            (contextWords.Contains("email") || contextWords.Contains("mail")) &&
            (contextWords.Contains("account") || contextWords.Contains("server") || contextWords.Contains("sender") || contextWords.Contains("box"));

        /// <summary>[PersonalData], [ProtectedPersonalData] (ASP.NET Core Identity) or a user attribute named PersonalData / Pii.</summary>
        private static bool IsDeclaredPersonal(ISymbol symbol)
        {
            foreach (var attribute in symbol.Attributes())
            {
                switch (attribute.AttributeClass?.Name)
                {
                    case "PersonalDataAttribute":
                    case "ProtectedPersonalDataAttribute":
                    case "PiiAttribute":
                        return true;
                }
            }

            return false;
        }

        /// <summary>[EmailAddress], [Phone], [DataType(DataType.EmailAddress / PhoneNumber)]: validation that says what the text is.</summary>
        private static bool HasPersonalDataType(ISymbol symbol)
        {
            foreach (var attribute in symbol.Attributes())
            {
                switch (attribute.AttributeClass?.Name)
                {
                    case "EmailAddressAttribute":
                    case "PhoneAttribute":
                        return true;
                    case "DataTypeAttribute":
                        // DataType.PhoneNumber = 5, DataType.EmailAddress = 10.
                        if (attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int dataType && (dataType == 5 || dataType == 10))
                        {
                            return true;
                        }

                        break;
                }
            }

            return false;
        }

        private static bool EndsWithAny(ImmutableArray<string> words, ImmutableArray<ImmutableArray<string>> phrases)
        {
            foreach (var phrase in phrases)
            {
                int index = NameWords.IndexOfPhrase(words, phrase);
                if (index >= 0 && OnlyValueWordsAfter(words, index + phrase.Length))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool OnlyValueWordsAfter(ImmutableArray<string> words, int start)
        {
            for (int i = start; i < words.Length; i++)
            {
                if (!s_valueSuffixWords.Contains(words[i]))
                {
                    return false;
                }
            }

            return true;
        }

        private static ImmutableArray<ImmutableArray<string>> Phrases(params string[] phrases) =>
            phrases.Select(p => p.Split(' ').ToImmutableArray()).ToImmutableArray();
    }
}
