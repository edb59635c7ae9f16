using System;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>Is a URL a cleartext one to somewhere other than this machine?</summary>
    internal static class PlainHttp
    {
        public static bool IsExternal(string url)
        {
            bool http = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
            bool ftp = url.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);
            if (!http && !ftp)
            {
                return false;
            }

            string rest = url.Substring(http ? 7 : 6);
            int end = rest.IndexOfAny(new[] { '/', '?', '#' });
            string authority = end >= 0 ? rest.Substring(0, end) : rest;
            int at = authority.LastIndexOf('@');
            if (at >= 0)
            {
                authority = authority.Substring(at + 1);
            }

            string host = authority.StartsWith("[", StringComparison.Ordinal)
                ? authority.Substring(0, Math.Max(authority.IndexOf(']') + 1, 0))
                : (authority.IndexOf(':') >= 0 ? authority.Substring(0, authority.IndexOf(':')) : authority);
            return host.Length > 0 && !IsLoopback(host);
        }

        private static bool IsLoopback(string host) =>
            host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
            host.StartsWith("127.", StringComparison.Ordinal) ||
            host == "[::1]" || host == "0.0.0.0";
    }
}
