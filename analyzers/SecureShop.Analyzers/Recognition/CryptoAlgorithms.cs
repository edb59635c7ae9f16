using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Which algorithm a <c>System.Security.Cryptography</c> type or a <c>CryptoConfig</c> name stands for, whatever the
    /// entry point: <c>MD5.Create()</c>, <c>new MD5CryptoServiceProvider()</c>, <c>new RijndaelManaged()</c>,
    /// <c>CryptoConfig.CreateFromName("3DES")</c>. The answer is the family's abstract type name ("MD5", "TripleDES",
    /// "Rijndael", "RSA", "HMACSHA1"), so rules compare one set of names.
    /// </summary>
    internal static class CryptoAlgorithms
    {
        /// <summary>Family types: a concrete type (MD5CryptoServiceProvider, AesManaged, RSACng) belongs to the first of these among its bases.</summary>
        private static readonly ImmutableHashSet<string> s_families = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "SHA3_256", "SHA3_384", "SHA3_512", "RIPEMD160",
            "HMACMD5", "HMACSHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512", "HMACSHA3_256", "HMACSHA3_384", "HMACSHA3_512", "HMACRIPEMD160", "MACTripleDES",
            "DES", "TripleDES", "RC2", "Rijndael", "Aes", "AesGcm", "AesCcm", "ChaCha20Poly1305",
            "RSA", "DSA", "ECDsa", "ECDiffieHellman");

        /// <summary>
        /// Names <c>CryptoConfig.CreateFromName</c>, <c>HashAlgorithm.Create(string)</c>, <c>SymmetricAlgorithm.Create(string)</c>
        /// and friends accept (case-insensitive), by family. Only the families rules care about are listed.
        /// </summary>
        private static readonly ImmutableDictionary<string, string> s_configNames = ImmutableDictionary.CreateRange(
            StringComparer.OrdinalIgnoreCase,
            new[]
            {
                Pair("MD5", "MD5"), Pair("System.Security.Cryptography.MD5", "MD5"), Pair("http://www.w3.org/2001/04/xmldsig-more#md5", "MD5"),
                Pair("SHA", "SHA1"), Pair("SHA1", "SHA1"), Pair("SHA-1", "SHA1"), Pair("System.Security.Cryptography.SHA1", "SHA1"),
                Pair("http://www.w3.org/2000/09/xmldsig#sha1", "SHA1"),
                Pair("RIPEMD160", "RIPEMD160"), Pair("RIPEMD-160", "RIPEMD160"), Pair("System.Security.Cryptography.RIPEMD160", "RIPEMD160"),
                Pair("HMACMD5", "HMACMD5"), Pair("System.Security.Cryptography.HMACMD5", "HMACMD5"),
                Pair("HMACSHA1", "HMACSHA1"), Pair("System.Security.Cryptography.HMACSHA1", "HMACSHA1"),
                Pair("HMACRIPEMD160", "HMACRIPEMD160"), Pair("MACTripleDES", "MACTripleDES"),
                Pair("SHA256", "SHA256"), Pair("SHA-256", "SHA256"), Pair("SHA384", "SHA384"), Pair("SHA-384", "SHA384"), Pair("SHA512", "SHA512"), Pair("SHA-512", "SHA512"),
                Pair("DES", "DES"), Pair("System.Security.Cryptography.DES", "DES"),
                Pair("3DES", "TripleDES"), Pair("TripleDES", "TripleDES"), Pair("Triple DES", "TripleDES"), Pair("System.Security.Cryptography.TripleDES", "TripleDES"),
                Pair("RC2", "RC2"), Pair("System.Security.Cryptography.RC2", "RC2"),
                Pair("Rijndael", "Rijndael"), Pair("System.Security.Cryptography.Rijndael", "Rijndael"),
                Pair("AES", "Aes"), Pair("System.Security.Cryptography.Aes", "Aes"),
                Pair("RSA", "RSA"), Pair("System.Security.Cryptography.RSA", "RSA"),
                Pair("DSA", "DSA"), Pair("System.Security.Cryptography.DSA", "DSA"),
                Pair("ECDsa", "ECDsa"), Pair("ECDH", "ECDiffieHellman"), Pair("ECDiffieHellman", "ECDiffieHellman"),
            });

        /// <summary>True when the symbol is declared in <c>System.Security.Cryptography</c>.</summary>
        public static bool IsCryptography(ISymbol? symbol) => symbol?.ContainingNamespace is { } ns && IsCryptographyNamespace(ns);

        /// <summary>True when the symbol is declared in <c>System.Security.Cryptography</c> or a namespace under it (<c>X509Certificates</c>, <c>Pkcs</c>).</summary>
        public static bool IsCryptographyOrBelow(ISymbol? symbol)
        {
            for (var ns = symbol?.ContainingNamespace; ns is not null && !ns.IsGlobalNamespace; ns = ns.ContainingNamespace)
            {
                if (IsCryptographyNamespace(ns))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The family of a cryptography type ("MD5" for MD5CryptoServiceProvider, "Rijndael" for RijndaelManaged), or null.</summary>
        public static string? FamilyOf(ITypeSymbol? type)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (s_families.Contains(t.Name) && IsCryptography(t))
                {
                    return t.Name;
                }
            }

            return null;
        }

        /// <summary>The family a <c>CryptoConfig</c> name stands for ("3DES" -> "TripleDES"), or null when it is not one we know.</summary>
        public static string? FamilyOfName(string? name) =>
            name is not null && s_configNames.TryGetValue(name.Trim(), out var family) ? family : null;

        /// <summary>"TripleDES" -> "3DES", "HMACSHA1" -> "HMAC-SHA1", "SHA1" -> "SHA-1": the family as a shop developer reads it in a message.</summary>
        public static string DisplayName(string family) => family switch
        {
            "SHA1" => "SHA-1",
            "RIPEMD160" => "RIPEMD-160",
            "TripleDES" => "3DES",
            "HMACMD5" => "HMAC-MD5",
            "HMACSHA1" => "HMAC-SHA1",
            "HMACRIPEMD160" => "HMAC-RIPEMD-160",
            "MACTripleDES" => "MAC-3DES",
            _ => family,
        };

        private static bool IsCryptographyNamespace(INamespaceSymbol ns) =>
            ns is { Name: "Cryptography", ContainingNamespace: { Name: "Security", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } } };

        private static System.Collections.Generic.KeyValuePair<string, string> Pair(string name, string family) =>
            new System.Collections.Generic.KeyValuePair<string, string>(name, family);
    }
}
