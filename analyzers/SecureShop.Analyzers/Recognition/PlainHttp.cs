using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>Is a URL a cleartext one to somewhere outside this machine and its cluster, and which URL does a request target?</summary>
    internal static class PlainHttp
    {
        public static bool IsExternal(string url) => ExternalOrigin(url) is not null;

        /// <summary>
        /// <c>http://host</c> or <c>ftp://host</c> (no user info, port or path, so nothing secret ends up in a message) when
        /// <paramref name="url"/> is a cleartext URL to an external host (<see cref="IsExternalHost"/>); null otherwise.
        /// </summary>
        public static string? ExternalOrigin(string url)
        {
            bool http = url.StartsWith("http://", StringComparison.OrdinalIgnoreCase);
            bool ftp = url.StartsWith("ftp://", StringComparison.OrdinalIgnoreCase);
            if (!http && !ftp)
            {
                return null;
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
            return IsExternalHost(host) ? (http ? "http://" : "ftp://") + host : null;
        }

        /// <summary>
        /// A host whose traffic may leave this machine's cluster or private network: not loopback (<see cref="IsLoopbackHost"/>)
        /// and not a service-discovery name (<see cref="IsClusterInternalHost"/>). Rules that judge cleartext transport ask here.
        /// </summary>
        public static bool IsExternalHost(string host) => host.Length > 0 && !IsLoopbackHost(host) && !IsClusterInternalHost(host);

        /// <summary>
        /// A name that only resolves inside a container network, a cluster or a private zone, so plain HTTP to it never crosses
        /// a public network: a single-label host (<c>basket-api</c>, <c>redis</c>: Docker Compose and Kubernetes service names),
        /// or one under <c>.svc</c>, <c>.cluster.local</c>/<c>.local</c> (Kubernetes, mDNS), <c>.internal</c> (cloud-internal DNS),
        /// <c>.localdomain</c> or <c>.home.arpa</c> (RFC 8375). IP addresses are not judged here: a private address may be
        /// reached over a VPN or a peering link.
        /// </summary>
        public static bool IsClusterInternalHost(string host)
        {
            string h = host.TrimEnd('.');
            if (h.Length == 0 || h.StartsWith("[", StringComparison.Ordinal))
            {
                return false;
            }

            if (h.IndexOf('.') < 0)
            {
                return true;
            }

            foreach (var suffix in s_internalSuffixes)
            {
                if (h.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return true;
                }
            }

            return false;
        }

        private static readonly string[] s_internalSuffixes = { ".svc", ".local", ".internal", ".localdomain", ".home.arpa" };

        /// <summary><c>localhost</c>, <c>*.localhost</c>, <c>127.x.x.x</c>, <c>::1</c> or <c>0.0.0.0</c>.</summary>
        public static bool IsLoopbackHost(string host) =>
            host.Equals("localhost", StringComparison.OrdinalIgnoreCase) ||
            host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase) ||
            host.StartsWith("127.", StringComparison.Ordinal) ||
            host == "[::1]" || host == "::1" || host == "0.0.0.0";

        /// <summary>
        /// The URL a request argument or base address stands for, as far as it is known at compile time: a constant, a
        /// <c>new Uri(...)</c> over one (also <c>new Uri(baseUri, "relative")</c>), the literal start of an interpolated string
        /// or a concatenation when it already names the host (<c>$"http://api.tax.example/{id}"</c>), a local assigned once, a
        /// readonly field's initializer. Null when unknown.
        /// </summary>
        public static string? TargetOf(IOperation value) => TargetOf(value, followLocal: true);

        private static string? TargetOf(IOperation value, bool followLocal)
        {
            value = value.WithoutConversions();
            if (value.ConstantValue is { HasValue: true, Value: string text })
            {
                return text;
            }

            switch (value)
            {
                case IObjectCreationOperation creation:
                    foreach (var argument in creation.Arguments)
                    {
                        if (TargetOf(argument.Value, followLocal) is string inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                case IInterpolatedStringOperation interpolated when interpolated.Parts.Length > 0 &&
                    interpolated.Parts[0] is IInterpolatedStringTextOperation { Text.ConstantValue: { HasValue: true, Value: string head } }:
                    return NamesHost(head) ? head : null;
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } concatenation when concatenation.Type?.SpecialType == SpecialType.System_String:
                    return TargetOf(concatenation.LeftOperand, followLocal) is string left && NamesHost(left) ? left : null;
                case ILocalReferenceOperation local when followLocal:
                    return ValueOrigin.InitialValue(local) is IOperation initial ? TargetOf(initial, followLocal: false) : null;
                case IFieldReferenceOperation { Field: { IsReadOnly: true } field }:
                    return FieldInitializerText(field);
                default:
                    return null;
            }
        }

        /// <summary>A prefix says where the request goes only when its authority is complete: a path, query or fragment follows it.</summary>
        private static bool NamesHost(string prefix)
        {
            int scheme = prefix.IndexOf("://", StringComparison.Ordinal);
            return scheme >= 0 && prefix.IndexOfAny(new[] { '/', '?', '#' }, scheme + 3) >= 0;
        }

        /// <summary><c>static readonly string Api = "http://..."</c> or <c>= new Uri("http://...")</c>, read from syntax (the field may live in another file).</summary>
        private static string? FieldInitializerText(IFieldSymbol field)
        {
            foreach (var reference in field.DeclaringSyntaxReferences)
            {
                if (reference.GetSyntax() is not VariableDeclaratorSyntax { Initializer.Value: var initializer })
                {
                    continue;
                }

                var arguments = initializer switch
                {
                    ObjectCreationExpressionSyntax creation => creation.ArgumentList?.Arguments,
                    ImplicitObjectCreationExpressionSyntax implicitCreation => implicitCreation.ArgumentList.Arguments,
                    _ => null,
                };
                var literal = arguments is { Count: > 0 } list ? list[0].Expression : initializer;
                if (literal is LiteralExpressionSyntax { RawKind: (int)SyntaxKind.StringLiteralExpression } text)
                {
                    return text.Token.ValueText;
                }
            }

            return null;
        }
    }
}
