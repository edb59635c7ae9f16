using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers
{
    /// <summary>SS1xxx: payment card data (PCI DSS requirements 3, 4 and 10).</summary>
    internal static partial class Descriptors
    {
        internal static readonly DiagnosticDescriptor SS1001CardDataLogged = Rule(
            "SS1001",
            "Card data written to a log or trace",
            "Card data '{0}' is written to {1}",
            Categories.CardData,
            DiagnosticSeverity.Error,
            cwe: 532,
            pciDss: new[] { "3.3", "3.4", "10.x" },
            securitySeverity: 8.0,
            description: "Logs are copied, shipped and kept far longer than card data may be. A primary account number or sensitive authentication data written to a logger, the console or a trace ends up in plain text wherever the logs go.");

        internal static readonly DiagnosticDescriptor SS1002SensitiveAuthenticationDataStored = Rule(
            "SS1002",
            "Sensitive authentication data (CVV, track, PIN) stored",
            "Sensitive authentication data '{0}' is stored in {1}; PCI DSS forbids keeping it after authorization, even encrypted",
            Categories.CardData,
            DiagnosticSeverity.Error,
            cwe: 312,
            pciDss: new[] { "3.3.1" },
            securitySeverity: 9.0,
            description: "The card verification code, full track data and PIN must never be retained after authorization. Writing them to a database, a file, a cache, the session or a cookie keeps them.");

        internal static readonly DiagnosticDescriptor SS1003CardNumberStoredInClear = Rule(
            "SS1003",
            "Card number stored without encryption or tokenization",
            "Card number '{0}' is stored in {1} without encryption or tokenization",
            Categories.CardData,
            DiagnosticSeverity.Error,
            cwe: 311,
            pciDss: new[] { "3.5.1" },
            securitySeverity: 8.5,
            description: "A stored primary account number must be unreadable: tokenized, truncated, hashed with a key, or encrypted with strong cryptography. A persisted entity property that keeps it as is stores it in clear.");

        internal static readonly DiagnosticDescriptor SS1004CardNumberExposed = Rule(
            "SS1004",
            "Full card number exposed in a response, view, message or ToString",
            "Full card number '{0}' is exposed in {1}; show at most the first six and last four digits",
            Categories.CardData,
            DiagnosticSeverity.Warning,
            cwe: 359,
            pciDss: new[] { "3.4.1" },
            securitySeverity: 6.5,
            description: "A card number is masked whenever it is displayed. Returning it from an endpoint, putting it in a view model, ViewBag, ViewData or an e-mail body, or printing it with a compiler-generated record ToString shows it in full.");

        internal static readonly DiagnosticDescriptor SS1005CardDataInUrl = Rule(
            "SS1005",
            "Card data in a URL, query string, route, cookie or redirect",
            "Card data '{0}' is put in {1}",
            Categories.CardData,
            DiagnosticSeverity.Error,
            cwe: 598,
            pciDss: new[] { "4.2", "3.3" },
            securitySeverity: 7.5,
            description: "URLs are written to browser history, proxy and server logs and Referer headers; cookies travel with every request and sit on the customer's disk. Card data put in either leaks.");

        internal static readonly DiagnosticDescriptor SS1006CardDataInException = Rule(
            "SS1006",
            "Card data in an exception message",
            "Card data '{0}' is included in the message of {1}",
            Categories.CardData,
            DiagnosticSeverity.Warning,
            cwe: 209,
            pciDss: new[] { "3.3" },
            securitySeverity: 6.0,
            description: "Exception messages are logged, reported to error trackers and sometimes shown to the user. Card data in one is written wherever the exception goes.");

        internal static readonly DiagnosticDescriptor SS1007CardNumberLiteral = Rule(
            "SS1007",
            "Card number literal in source code",
            "Literal {0} is a valid card number; keep card numbers out of source code",
            Categories.CardData,
            DiagnosticSeverity.Warning,
            cwe: 312,
            pciDss: new[] { "3.5" },
            securitySeverity: 5.0,
            description: "A string or number that passes the Luhn check and starts with a known issuer prefix is a card number stored in the repository, its history and every build. Well-known test card numbers are fine in test projects.");

        internal static readonly DiagnosticDescriptor SS1008CardDataToUnencryptedSink = Rule(
            "SS1008",
            "Card data sent to an unencrypted or third-party sink (analytics, e-mail, plain HTTP)",
            "Card data '{0}' is sent to {1}",
            Categories.CardData,
            DiagnosticSeverity.Error,
            cwe: 319,
            pciDss: new[] { "4.2.1" },
            securitySeverity: 8.0,
            description: "Card data sent over plain HTTP, in an e-mail or to an analytics or telemetry service crosses an open network or leaves the cardholder data environment.");
    }
}
