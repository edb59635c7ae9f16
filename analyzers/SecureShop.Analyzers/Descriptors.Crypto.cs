using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers
{
    /// <summary>SS2xxx: encryption and transport (PCI DSS requirements 3 and 4).</summary>
    internal static partial class Descriptors
    {
        internal static readonly DiagnosticDescriptor SS2001WeakHash = Rule(
            "SS2001",
            "Weak hash algorithm (MD5, SHA-1, RIPEMD-160)",
            "{0} uses {1}, a weak hash algorithm; use {2}",
            Categories.Crypto,
            DiagnosticSeverity.Warning,
            cwe: 328,
            pciDss: new[] { "4.2.1" },
            securitySeverity: 5.5,
            description: "MD5 and SHA-1 have practical collision attacks and RIPEMD-160 is deprecated. A checksum, signature or integrity tag made with them can be forged: a tampered order, webhook or download passes the check.");

        internal static readonly DiagnosticDescriptor SS2002WeakCipher = Rule(
            "SS2002",
            "Broken or weak cipher (DES, 3DES, RC2, RC4, Rijndael with non-128 block)",
            "{0} uses {1}, a broken or weak cipher; use AES (AesGcm, or Aes with an integrity check)",
            Categories.Crypto,
            DiagnosticSeverity.Error,
            cwe: 327,
            pciDss: new[] { "3.6", "4.2.1" },
            securitySeverity: 7.5,
            description: "DES keys are brute-forced in hours, 3DES and RC2 have 64-bit blocks open to birthday attacks, RC4's key stream is biased, and Rijndael with a block other than 128 bits is not AES. Card data or keys encrypted with them are not protected as PCI DSS 3.6 requires.");

        internal static readonly DiagnosticDescriptor SS2005InsufficientKeySize = Rule(
            "SS2005",
            "Insufficient key size (RSA/DSA < 2048, EC < 256, AES < 128)",
            "{0} uses a {1}-bit key; use at least {2} bits",
            Categories.Crypto,
            DiagnosticSeverity.Warning,
            cwe: 326,
            pciDss: new[] { "3.6" },
            securitySeverity: 5.5,
            description: "Key strength must match the data's lifetime. RSA and DSA keys under 2048 bits and elliptic curves under 256 bits are within reach of well-funded attackers, so what they protect or sign today can be exposed or forged tomorrow.");

        internal static readonly DiagnosticDescriptor SS2003InsecureCipherMode = Rule(
            "SS2003",
            "Insecure cipher mode or padding (ECB; CBC without integrity; no padding)",
            "{0}: {1}",
            Categories.Crypto,
            DiagnosticSeverity.Warning,
            cwe: 327,
            pciDss: new[] { "3.6" },
            securitySeverity: 5.5,
            description: "ECB encrypts equal blocks to equal ciphertext, so patterns (and equal card numbers) show through. CBC without an authentication tag lets an attacker modify ciphertext and, through padding errors, decrypt it; RSA with PKCS#1 v1.5 encryption padding has the same padding oracle. Use AES-GCM, or CBC followed by an HMAC over the ciphertext, and RSA with OAEP.");

        internal static readonly DiagnosticDescriptor SS2004HardcodedCryptoKey = Rule(
            "SS2004",
            "Hardcoded or constant cryptographic key or IV",
            "{0} is {1}; load keys from a key store and use a fresh random IV per message",
            Categories.Crypto,
            DiagnosticSeverity.Error,
            cwe: 321,
            pciDss: new[] { "3.6.1" },
            securitySeverity: 8.0,
            description: "A key written in source code is in every clone and build of the shop, so whatever it encrypts is readable by anyone who sees the code; PCI DSS 3.6.1 requires keys to be stored and rotated in a key-management process. A constant or reused IV makes equal plaintexts encrypt alike and breaks CTR and GCM outright.");

        internal static readonly DiagnosticDescriptor SS2012DataProtectionKeysUnprotected = Rule(
            "SS2012",
            "Data-protection keys persisted without protection at rest",
            "Data-protection keys are persisted with {0} but not encrypted at rest; add ProtectKeysWithCertificate, ProtectKeysWithAzureKeyVault or ProtectKeysWithDpapi",
            Categories.Crypto,
            DiagnosticSeverity.Warning,
            cwe: 312,
            pciDss: new[] { "3.6" },
            securitySeverity: 5.0,
            description: "ASP.NET Core data-protection keys sign the authentication cookie and encrypt anti-forgery and TempData payloads. Persisted in plain XML to a file share or a database table, anyone who can read that store can forge a signed-in customer's cookie.");

        internal static readonly DiagnosticDescriptor SS2006InsecureRandom = Rule(
            "SS2006",
            "Insecure random for a security value (token, password, coupon/gift code, order or reset id)",
            "'{0}' is made with {1}, whose output can be predicted; use RandomNumberGenerator",
            Categories.Crypto,
            DiagnosticSeverity.Warning,
            cwe: 338,
            pciDss: new[] { "3.6" },
            securitySeverity: 5.5,
            description: "System.Random is seeded from a small state that an attacker can recover from a few outputs. Reset tokens, generated passwords, coupon and gift-card codes or guessable order ids made with it can be predicted and redeemed by someone else.",
            precision: "medium");

        internal static readonly DiagnosticDescriptor SS2007CertificateValidationDisabled = Rule(
            "SS2007",
            "TLS certificate validation disabled",
            "TLS certificate validation is disabled: {0}",
            Categories.Crypto,
            DiagnosticSeverity.Error,
            cwe: 295,
            pciDss: new[] { "4.2.1" },
            securitySeverity: 8.5,
            description: "A callback that accepts every server certificate turns HTTPS into plain text for anyone on the path: calls to the payment gateway, the tax service or the database can be intercepted and altered, card data and API keys included.");

        internal static readonly DiagnosticDescriptor SS2008ObsoleteTlsProtocol = Rule(
            "SS2008",
            "Obsolete TLS/SSL protocol version",
            "{0} enables obsolete {1}; let the operating system choose (SslProtocols.None / SecurityProtocolType.SystemDefault) or use TLS 1.2 or later",
            Categories.Crypto,
            DiagnosticSeverity.Error,
            cwe: 327,
            pciDss: new[] { "4.2.1" },
            securitySeverity: 7.5,
            description: "SSL 2.0, SSL 3.0, TLS 1.0 and TLS 1.1 have known attacks (POODLE, BEAST) and PCI DSS no longer accepts them for card data in transit. Pinning a protocol in code also prevents the operating system from moving to newer versions.");

        internal static readonly DiagnosticDescriptor SS2009CleartextProtocol = Rule(
            "SS2009",
            "Cleartext protocol to an external endpoint (http://, ftp://, SMTP without TLS)",
            "{0} goes over cleartext {1}; use {2}",
            Categories.Crypto,
            DiagnosticSeverity.Warning,
            cwe: 319,
            pciDss: new[] { "4.2.1" },
            securitySeverity: 5.5,
            description: "Requests over http:// or ftp://, and e-mail sent without TLS, can be read and changed by anyone on the network path: order details, customer addresses, API keys in headers, and the answers the shop trusts.");

        internal static readonly DiagnosticDescriptor SS2010HttpsNotEnforced = Rule(
            "SS2010",
            "HTTPS not enforced by the web host (no HTTPS redirection / HSTS, `RequireHttpsMetadata = false`)",
            "HTTPS is not enforced: {0}",
            Categories.Crypto,
            DiagnosticSeverity.Warning,
            cwe: 319,
            pciDss: new[] { "4.2.1" },
            securitySeverity: 5.0,
            description: "Without HTTPS redirection a customer who types the shop's address starts on plain HTTP, and without HSTS a network attacker can keep them there (SSL stripping) and read the sign-in and checkout forms. With RequireHttpsMetadata = false the sign-in provider's metadata and signing keys may be fetched over plain HTTP, where they can be replaced.",
            precision: "medium");

        internal static readonly DiagnosticDescriptor SS2011DatabaseConnectionUnencrypted = Rule(
            "SS2011",
            "Database connection without transport encryption (`Encrypt=False`, `TrustServerCertificate=True`, `SslMode=Disable`)",
            "Database connection {0}: {1}",
            Categories.Crypto,
            DiagnosticSeverity.Warning,
            cwe: 319,
            pciDss: new[] { "4.2.1" },
            securitySeverity: 5.5,
            description: "Orders, customer records and payment tokens travel between the shop and its database. Without TLS, or with TLS that trusts any certificate, anyone on that network path can read or alter them.");
    }
}
