using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text.RegularExpressions;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// What a database connection string says about transport encryption, for SqlClient (<c>Encrypt</c>,
    /// <c>TrustServerCertificate</c>), Npgsql (<c>SSL Mode</c>, <c>Trust Server Certificate</c>) and MySQL connectors
    /// (<c>SslMode</c>). Keys are matched case-insensitively and without their spaces (<c>SSL Mode</c> = <c>sslmode</c>).
    /// The same pattern reads a literal's value (analyzer) and its source text (code fix), so the fix flips exactly what was
    /// reported and keeps the rest of the literal, escapes and spelling included.
    /// </summary>
    internal static class ConnectionStringText
    {
        /// <summary>A key=value pair: at the start, after <c>;</c>, or after the opening quote of a literal's source text.</summary>
        private static readonly Regex s_pair = new Regex(
            @"(?<=^|;|"")\s*(?<key>[A-Za-z][A-Za-z ]*?)\s*=\s*(?<value>[^;""]*?)\s*(?=;|""|$)",
            RegexOptions.CultureInvariant);

        private static readonly ImmutableHashSet<string> s_serverKeys = ImmutableHashSet.Create(
            StringComparer.Ordinal, "server", "datasource", "host", "address", "addr", "networkaddress");

        private static readonly ImmutableHashSet<string> s_localProtocols = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase, "unix", "unixsocket", "pipe", "namedpipe", "memory", "sharedmemory");

        /// <summary>Cheap first look: could this text set one of the keys at all?</summary>
        public static bool MayWeaken(string text) => text.IndexOf('=') >= 0 && MentionsKey(text);

        /// <summary>
        /// The same look over the literal parts of an interpolated string, before any text is built: a key cannot span a hole,
        /// so some part names a key and some part has an <c>=</c>.
        /// </summary>
        public static bool MayWeaken(IEnumerable<string> parts)
        {
            bool assigns = false;
            bool mentions = false;
            foreach (var part in parts)
            {
                assigns |= part.IndexOf('=') >= 0;
                mentions = mentions || MentionsKey(part);
            }

            return assigns && mentions;
        }

        private static bool MentionsKey(string text) =>
            text.IndexOf("encrypt", StringComparison.OrdinalIgnoreCase) >= 0 ||
            text.IndexOf("trust", StringComparison.OrdinalIgnoreCase) >= 0 ||
            text.IndexOf("ssl", StringComparison.OrdinalIgnoreCase) >= 0;

        /// <summary><c>;</c>-separated pairs, one of them naming a server (<c>Server</c>, <c>Data Source</c>, <c>Host</c>, <c>Address</c>...).</summary>
        public static bool LooksLikeConnectionString(string text)
        {
            if (text.IndexOf(';') < 0)
            {
                return false;
            }

            foreach (Match pair in s_pair.Matches(text))
            {
                if (s_serverKeys.Contains(Normalize(pair.Groups["key"].Value)))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The settings that switch encryption off (<c>Encrypt=False</c>/<c>no</c>/<c>Optional</c>, <c>SslMode=Disable</c>/<c>Allow</c>/<c>None</c>/<c>Disabled</c>)
        /// or certificate validation off (<c>TrustServerCertificate=True</c>/<c>yes</c>, unless <c>Encrypt=Strict</c>, which ignores it).
        /// </summary>
        public static ImmutableArray<Weakness> Weaknesses(string text)
        {
            var pairs = s_pair.Matches(text);
            bool strict = false;
            foreach (Match pair in pairs)
            {
                strict |= Normalize(pair.Groups["key"].Value) == "encrypt" && pair.Groups["value"].Value.Equals("strict", StringComparison.OrdinalIgnoreCase);
            }

            var weaknesses = ImmutableArray.CreateBuilder<Weakness>();
            foreach (Match pair in pairs)
            {
                string key = Normalize(pair.Groups["key"].Value);
                string value = pair.Groups["value"].Value;
                if (Flip(key, value) is not null && !(strict && key == "trustservercertificate"))
                {
                    weaknesses.Add(new Weakness(key, pair.Groups["key"].Value.Trim() + "=" + value, key == "trustservercertificate"));
                }
            }

            return weaknesses.ToImmutable();
        }

        /// <summary>
        /// Every server the text names is this machine: <c>localhost</c>, <c>127.0.0.1</c>, <c>::1</c>, <c>.</c>, <c>(local)</c>,
        /// <c>(localdb)\...</c>, a Unix socket path, a local named pipe or shared memory. False when no server is named.
        /// </summary>
        public static bool IsLocal(string text)
        {
            bool any = false;
            foreach (Match pair in s_pair.Matches(text))
            {
                string key = Normalize(pair.Groups["key"].Value);
                string value = pair.Groups["value"].Value;
                if ((key == "protocol" || key == "connectionprotocol") && s_localProtocols.Contains(value.Trim()))
                {
                    return true;
                }

                if (s_serverKeys.Contains(key))
                {
                    if (!IsLocalServer(value))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        /// <summary>A server value (<c>Data Source</c>, <c>Host</c>, a builder's <c>DataSource</c>) that names only this machine.</summary>
        public static bool IsLocalServer(string server)
        {
            string value = server.Trim().Trim('"', '\'');
            if (value.StartsWith("lpc:", StringComparison.OrdinalIgnoreCase) || value.StartsWith("/", StringComparison.Ordinal) ||
                value.StartsWith(@"\\.\", StringComparison.Ordinal) || value.StartsWith(@"np:\\.\", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            if (value.StartsWith("tcp:", StringComparison.OrdinalIgnoreCase))
            {
                value = value.Substring(4);
            }

            bool any = false;
            foreach (string part in value.Split(','))
            {
                string host = part.Trim();
                if (host.Length > 0 && IsDigits(host))
                {
                    continue; // SqlClient's "host,1433"
                }

                int instance = host.IndexOf('\\');
                if (instance >= 0)
                {
                    host = host.Substring(0, instance);
                }

                if (!host.StartsWith("[", StringComparison.Ordinal) && host.IndexOf(':') >= 0 && host.IndexOf(':') == host.LastIndexOf(':'))
                {
                    host = host.Substring(0, host.IndexOf(':'));
                }

                if (!(host == "." || host.Equals("(local)", StringComparison.OrdinalIgnoreCase) ||
                      host.Equals("(localdb)", StringComparison.OrdinalIgnoreCase) || PlainHttp.IsLoopbackHost(host)))
                {
                    return false;
                }

                any = true;
            }

            return any;
        }

        /// <summary>
        /// <paramref name="source"/> (a literal's source text, or the text of an interpolated string part) with the weak values
        /// of <paramref name="keys"/> flipped: <c>Encrypt=False</c> -> <c>Encrypt=True</c>, <c>TrustServerCertificate=True</c> ->
        /// <c>False</c>, <c>SslMode=Disable</c> -> <c>Require</c>, <c>SslMode=None</c> -> <c>Required</c>; letter case kept.
        /// </summary>
        public static string Rewrite(string source, ICollection<string> keys) =>
            s_pair.Replace(source, pair =>
            {
                string key = Normalize(pair.Groups["key"].Value);
                var value = pair.Groups["value"];
                if (!keys.Contains(key) || Flip(key, value.Value) is not string flipped)
                {
                    return pair.Value;
                }

                int at = value.Index - pair.Index;
                return pair.Value.Substring(0, at) + SameCase(flipped, value.Value) + pair.Value.Substring(at + value.Length);
            });

        /// <summary>The safe value for a weak setting, or null when the setting is not weak.</summary>
        public static string? Flip(string normalizedKey, string value)
        {
            string v = value.Trim().ToLowerInvariant();
            return normalizedKey switch
            {
                "encrypt" => v switch { "false" => "true", "no" => "yes", "optional" => "mandatory", _ => null },
                "trustservercertificate" => v switch { "true" => "false", "yes" => "no", _ => null },
                "sslmode" => v switch { "disable" or "allow" => "require", "none" or "disabled" => "required", _ => null },
                _ => null,
            };
        }

        /// <summary>"Data Source" -> "datasource".</summary>
        public static string Normalize(string key) => key.Replace(" ", string.Empty).ToLowerInvariant();

        private static string SameCase(string replacement, string original)
        {
            if (original.ToLowerInvariant() == original)
            {
                return replacement;
            }

            if (original.ToUpperInvariant() == original)
            {
                return replacement.ToUpperInvariant();
            }

            return char.ToUpperInvariant(replacement[0]) + replacement.Substring(1);
        }

        private static bool IsDigits(string text)
        {
            foreach (char c in text)
            {
                if (c < '0' || c > '9')
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>One weak setting: its normalized key, how the text spells it (<c>SSL Mode=Disable</c>), and whether it is about the certificate.</summary>
        internal readonly struct Weakness
        {
            public Weakness(string key, string written, bool certificate)
            {
                Key = key;
                Written = written;
                Certificate = certificate;
            }

            public string Key { get; }

            public string Written { get; }

            public bool Certificate { get; }
        }
    }
}
