using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers
{
    /// <summary>SS3xxx: authentication and session (PCI DSS requirements 6, 7 and 8).</summary>
    internal static partial class Descriptors
    {
        internal static readonly DiagnosticDescriptor SS3005SensitiveEndpointWithoutAuthorization = Rule(
            "SS3005",
            "Sensitive endpoint without authorization (checkout, orders, payment, admin, account)",
            "'{0}' handles {1} data but is reachable without authorization: {2}",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 862,
            pciDss: new[] { "7.2" },
            securitySeverity: 6.5,
            description: "Checkout, payment, order, admin, account and customer endpoints must require an authenticated, authorized user. The rule reads the application's global configuration first (global AuthorizeFilter, fallback policy, MapControllers().RequireAuthorization(), route groups, Razor Pages conventions) and reports only endpoints that none of it covers, or that opt out with AllowAnonymous.");

        internal static readonly DiagnosticDescriptor SS3008MissingAntiforgery = Rule(
            "SS3008",
            "State-changing action without anti-forgery protection",
            "'{0}' changes state under cookie authentication without anti-forgery validation: {1}",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 352,
            pciDss: new[] { "6.2.4" },
            securitySeverity: 6.0,
            description: "A POST, PUT, PATCH or DELETE action of an application that signs users in with a cookie can be triggered by any other site the customer visits, unless the request must carry an anti-forgery token. ValidateAntiForgeryToken or AutoValidateAntiforgeryToken on the action, the controller or as a global filter protects it; IgnoreAntiforgeryToken removes the protection.");
    

        internal static readonly DiagnosticDescriptor SS3012CorsAnyOriginWithCredentials = Rule(
            "SS3012",
            "CORS allows any origin together with credentials",
            "CORS policy sends credentials to every origin: AllowCredentials() with {0}",
            Categories.Auth,
            DiagnosticSeverity.Error,
            cwe: 942,
            pciDss: new[] { "6.2.4" },
            securitySeverity: 8.0,
            description: "A CORS policy that admits every origin and allows credentials lets any web site the customer visits call the shop's API with the customer's cookies and read the answers: orders, addresses, saved cards.");
    

        internal static readonly DiagnosticDescriptor SS3004JwtValidationWeakened = Rule(
            "SS3004",
            "JWT validation disabled or weakened",
            "JWT validation is weakened: {0}",
            Categories.Auth,
            DiagnosticSeverity.Error,
            cwe: 347,
            pciDss: new[] { "8.3" },
            securitySeverity: 8.5,
            description: "A bearer token is only proof of identity when its signature, issuer, audience and lifetime are checked. Turning a check off, or replacing the signature validator with one that accepts any token, lets anyone forge or replay a token and act as any customer or administrator.");
    

        internal static readonly DiagnosticDescriptor SS3006NoLockoutOnFailedSignIn = Rule(
            "SS3006",
            "No lockout on failed sign-in",
            "Failed sign-ins never lock the account: {0}",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 307,
            pciDss: new[] { "8.3.4" },
            securitySeverity: 5.5,
            description: "PCI DSS 8.3.4 requires locking a user out after no more than ten failed attempts. A sign-in that does not count failures, or lockout switched off for new users, lets an attacker guess passwords for as long as they like.");

        internal static readonly DiagnosticDescriptor SS3007WeakPasswordPolicy = Rule(
            "SS3007",
            "Weak password policy (length < 12, or lockout threshold > 10)",
            "Identity password policy is weaker than PCI DSS 8.3.6 allows: {0}",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 521,
            pciDss: new[] { "8.3.6" },
            securitySeverity: 5.0,
            description: "PCI DSS asks for passwords of at least twelve characters and a lockout after at most ten failed attempts. Identity options set below that let customers and staff choose guessable passwords or give attackers more guesses.");
    

        internal static readonly DiagnosticDescriptor SS3009OpenRedirect = Rule(
            "SS3009",
            "Open redirect (redirect to a request-supplied URL)",
            "{0} redirects to a URL taken from {1} without checking that it is local",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 601,
            pciDss: new[] { "6.2.4" },
            securitySeverity: 5.5,
            description: "A redirect to a URL from the request (a returnUrl after sign-in or checkout) lets a phishing link send customers from the real shop to a look-alike that asks for their password or card details. Use LocalRedirect or check Url.IsLocalUrl first.");
    

        internal static readonly DiagnosticDescriptor SS3011SecretComparedInNonConstantTime = Rule(
            "SS3011",
            "Secret compared in non-constant time",
            "'{0}' is compared with {1}, which takes longer the more characters match; use CryptographicOperations.FixedTimeEquals",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 208,
            pciDss: new[] { "8.3" },
            securitySeverity: 4.5,
            description: "Ordinary equality stops at the first difference, so the time it takes tells an attacker how much of a guessed signature, token or API key was right. Webhook signatures, reset tokens and API keys must be compared in constant time.");
    

        internal static readonly DiagnosticDescriptor SS3010InsecureCookie = Rule(
            "SS3010",
            "Insecure cookie (Secure off, HttpOnly off on auth/session cookies, SameSite=None without Secure)",
            "Cookie '{0}' is insecure: {1}",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 614,
            pciDss: new[] { "4.2.1", "8.2" },
            securitySeverity: 5.5,
            description: "A cookie without Secure is sent over plain HTTP, where it can be read on the network; a session or authentication cookie without HttpOnly can be stolen by any script injected into the page. Either gives an attacker the customer's session.");
    

        internal static readonly DiagnosticDescriptor SS3003HardcodedSecret = Rule(
            "SS3003",
            "Hardcoded credential or secret (password, API key, payment-gateway secret, connection-string password)",
            "Hardcoded {0} in {1}: {2}; load it from configuration or a secret store",
            Categories.Auth,
            DiagnosticSeverity.Error,
            cwe: 798,
            pciDss: new[] { "8.3.2", "8.6.2" },
            securitySeverity: 8.5,
            description: "A password, API key or payment-gateway secret in source code is in every clone, every build and the whole history of the repository. Anyone who sees the code can charge cards, issue refunds or read customer data with it, and rotating it means a new release.");
    

        internal static readonly DiagnosticDescriptor SS3001PasswordStoredInsecurely = Rule(
            "SS3001",
            "Password stored in plaintext or hashed with a fast hash",
            "Password '{0}' is {1}",
            Categories.Auth,
            DiagnosticSeverity.Error,
            cwe: 916,
            pciDss: new[] { "8.3.2" },
            securitySeverity: 8.0,
            description: "Passwords must be stored with a slow, salted password hash. A plain-text column gives every password away with one database leak; MD5, SHA-1 and SHA-2 are built to be fast, so a leaked table of them is cracked by the billion per second.");
    

        internal static readonly DiagnosticDescriptor SS3002WeakKeyDerivation = Rule(
            "SS3002",
            "Key derivation too weak (PBKDF2 < 600,000 iterations for SHA-256, SHA-1 PRF, bcrypt cost < 10)",
            "{0} is too weak for passwords: {1}",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 916,
            pciDss: new[] { "8.3.2" },
            securitySeverity: 6.0,
            description: "A password hash is only as slow as its settings. PBKDF2 with SHA-1 or with a few thousand iterations, or bcrypt with a low work factor, lets a leaked table be cracked at a rate the algorithm was chosen to prevent.");

        internal static readonly DiagnosticDescriptor SS3016SecretLogged = Rule(
            "SS3016",
            "Credential or secret (password, token, API key, connection string) written to a log",
            "Secret '{0}' is written to {1}",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 532,
            pciDss: new[] { "8.3.2", "10.x" },
            securitySeverity: 6.5,
            description: "Logs are read by more people and kept in more places than credentials may be. A password, session or reset token, API key, client secret, private key or a connection string with its password written to a log can be replayed by anyone who reads the log.");

        internal static readonly DiagnosticDescriptor SS3013AbuseProneEndpointWithoutRateLimiting = Rule(
            "SS3013",
            "Abuse-prone endpoint (sign-in, sign-up, reset, 2FA, gift-card balance, coupon, payment attempt) without rate limiting",
            "'{0}' is a {1} endpoint {2}; give it a rate-limiting policy ([EnableRateLimiting], RequireRateLimiting or a global limiter) or a CAPTCHA",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 307,
            pciDss: new[] { "6.4.3", "8.3.4" },
            securitySeverity: 5.3,
            description: "Sign-in, registration, password reset, two-factor codes, gift-card and coupon codes and payment forms can be tried by a script thousands of times a minute: password guessing, fake accounts, mail bombing, code guessing and card testing (CWE-307, CWE-799). ASP.NET Core rate limiting on the endpoint, its controller or route group, or a global limiter stops it; so does a CAPTCHA the endpoint verifies, and for sign-in, lockout after failed attempts.");

        internal static readonly DiagnosticDescriptor SS3015AccountEnumeration = Rule(
            "SS3015",
            "Account enumeration: sign-in or reset tells unknown users apart",
            "'{0}' answers an unknown {1} with {2} but {3} with {4}; give both the same answer",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 204,
            pciDss: new[] { "8.3" },
            securitySeverity: 4.3,
            description: "When sign-in says \"no such user\" where it otherwise says \"wrong password\", or password reset says \"unknown e-mail\" where it otherwise says \"mail sent\", anyone can find out which e-mail addresses have an account at the shop, and then aim password guessing and phishing at them. Both branches must give the same message, status code and result.");

        internal static readonly DiagnosticDescriptor SS3014HandWrittenSignInWithoutAttemptLimiting = Rule(
            "SS3014",
            "Hand-written sign-in without failed-attempt limiting",
            "'{0}' checks a password with {1} but never counts failed attempts, locks the account or slows down; count failures and lock out, or rate-limit the endpoint",
            Categories.Auth,
            DiagnosticSeverity.Warning,
            cwe: 307,
            pciDss: new[] { "8.3.4" },
            securitySeverity: 5.3,
            description: "A sign-in that compares password hashes itself, instead of Identity's SignInManager with lockout, lets a script guess passwords without end. PCI DSS 8.3.4 asks that an account be locked out after at most ten failed attempts: count failures on the user, refuse sign-in while it is locked, or rate-limit the sign-in endpoint.");
    }
}
