using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Which string literals SS3003 reports as hardcoded credentials: any literal holding a well-known key format or a
    /// connection-string password, and a non-placeholder literal given to a secret-shaped name. Other rules that meet a
    /// literal secret (SS2004's keys from <c>Encoding.UTF8.GetBytes("...")</c>) ask here first, so one literal yields one finding.
    /// </summary>
    internal static class HardcodedCredential
    {
        /// <summary>Secret-shaped names that are about a value, not the value: "PasswordMessage", "TokenEndpoint".</summary>
        private static readonly ImmutableHashSet<string> s_notAValue = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase,
            "message", "error", "text", "description", "prompt", "placeholder", "title", "endpoint", "audience", "issuer", "claim",
            "cookie", "parameter", "param", "query", "route", "column", "property", "pattern", "regex", "template", "view", "page", "action",
            "expression", "policy", "format", "strength", "hint", "label", "field", "lifetime");

        /// <summary>The kind of secret a literal is by its text alone ("key", "connection-string password"), or null.</summary>
        public static string? KindOfLiteral(string text, out string masked)
        {
            masked = "****";
            if (text.Length < 8)
            {
                return null;
            }

            var key = SecretText.KnownKey(text);
            if (key is not null)
            {
                masked = Mask.Secret(key);
                return "key";
            }

            if (SecretText.ConnectionStringPassword(text) is not null)
            {
                masked = "Password=****";
                return "connection-string password";
            }

            return null;
        }

        /// <summary>
        /// True when <paramref name="text"/>, given to <paramref name="symbol"/> (field, property, local, parameter), is a
        /// credential by its name: a secret-shaped name, a value that <see cref="SecretValue"/> judges a secret (not a
        /// placeholder, a key name or a character set; no sentence), and not already a credential by its text alone.
        /// </summary>
        public static bool IsNamedCredential(ISymbol symbol, string text)
        {
            string name = symbol.Name;
            if (name.Length == 0 || text.IndexOf(' ') >= 0 || SecretText.KnownKey(text) is not null || SecretText.ConnectionStringPassword(text) is not null ||
                !SecretNames.IsSecretName(name) || IsDerivedName(name))
            {
                return false;
            }

            bool slot = IsCredentialSlot(symbol);
            return (slot || text.Length >= 4) && SecretValue.Classify(name, text, slot) == SecretValueKind.Secret;
        }

        /// <summary>True when SS3003 reports this literal, given to <paramref name="namedBy"/> (or to nothing named).</summary>
        public static bool IsReported(ISymbol? namedBy, IOperation literal) =>
            literal is Microsoft.CodeAnalysis.Operations.ILiteralOperation && literal.ConstantValue.Value is string text &&
            (KindOfLiteral(text, out _) is not null || (namedBy is not null && IsNamedCredential(namedBy, text)));

        /// <summary>
        /// A member of a library type that holds the credential itself, where a literal can be nothing but the secret: the
        /// secret-shaped properties of authentication handler options (<c>OAuthOptions.ClientSecret</c>, OpenID Connect's,
        /// Twitter's <c>ConsumerSecret</c>, Facebook's <c>AppSecret</c>: anything derived from <c>AuthenticationSchemeOptions</c>),
        /// <c>NetworkCredential.Password</c> and MSAL's <c>ConfidentialClientApplicationOptions.ClientSecret</c>.
        /// </summary>
        public static bool IsCredentialSlot(ISymbol symbol)
        {
            if (symbol is not IPropertySymbol { ContainingType: { } type })
            {
                return false;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                if ((t.Name == "AuthenticationSchemeOptions" && t.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Authentication") ||
                    (t.Name == "NetworkCredential" && t.ContainingNamespace?.ToDisplayString() == "System.Net") ||
                    (t.Name == "ConfidentialClientApplicationOptions" && t.ContainingNamespace?.ToDisplayString() == "Microsoft.Identity.Client"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Hashes, signatures, digests and nonces are derived values, not credentials; names that describe a value are not one either.</summary>
        private static bool IsDerivedName(string name)
        {
            foreach (var word in NameWords.Split(name))
            {
                if (word is "hash" or "hmac" or "signature" or "digest" or "mac" or "nonce" or "otp" || s_notAValue.Contains(word))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
