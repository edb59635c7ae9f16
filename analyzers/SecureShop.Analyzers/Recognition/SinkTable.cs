using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Table-driven sinks: a type (resolved once per compilation), the methods of it that are sinks,
    /// and how a message names the sink. Types the compilation does not reference are left out, so an
    /// empty table means the rule has nothing to do in this project.
    /// </summary>
    internal sealed class SinkTable
    {
        private readonly Dictionary<INamedTypeSymbol, Entry> _entries;
        private readonly HashSet<string> _names;
        private readonly string[] _prefixes;
        private readonly bool _anyName;

        private SinkTable(Dictionary<INamedTypeSymbol, Entry> entries)
        {
            _entries = entries;
            _names = new HashSet<string>(entries.Values.SelectMany(e => e.Methods), StringComparer.Ordinal);
            _prefixes = entries.Values.Where(e => e.Prefix is not null).Select(e => e.Prefix!).Distinct().ToArray();
            _anyName = entries.Values.Any(e => e.MatchesAnyName);
        }

        public bool IsEmpty => _entries.Count == 0;

        public static Builder For(Compilation compilation) => new Builder(compilation);

        /// <summary>The sink a call goes to, or null. Interface methods match through their implementations too.</summary>
        public Entry? Match(IMethodSymbol method)
        {
            // Called for every invocation of the compilation: a name check first, types only for candidates.
            if (!_anyName && !_names.Contains(method.Name) && !HasSinkPrefix(method.Name))
            {
                return null;
            }

            var type = method.ContainingType?.OriginalDefinition;
            if (type is null)
            {
                return null;
            }

            if (_entries.TryGetValue(type, out var entry) && entry.Matches(method.Name))
            {
                return entry;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (_entries.TryGetValue(implemented.OriginalDefinition, out entry) && entry.Matches(method.Name))
                {
                    return entry;
                }
            }

            return null;
        }

        private bool HasSinkPrefix(string name)
        {
            foreach (var prefix in _prefixes)
            {
                if (name.StartsWith(prefix, StringComparison.Ordinal))
                {
                    return true;
                }
            }

            return false;
        }

        internal sealed class Entry
        {
            private readonly ImmutableHashSet<string>? _methods;
            private readonly string? _prefix;

            public Entry(string display, ImmutableHashSet<string>? methods, string? prefix)
            {
                Display = display;
                _methods = methods;
                _prefix = prefix;
            }

            /// <summary>How messages name the sink: "ILogger", "Console", "Serilog".</summary>
            public string Display { get; }

            public IEnumerable<string> Methods => _methods ?? Enumerable.Empty<string>();

            public string? Prefix => _prefix;

            public bool MatchesAnyName => _methods is null && _prefix is null;

            public bool Matches(string method) =>
                (_methods is null && _prefix is null) ||
                (_methods is not null && _methods.Contains(method)) ||
                (_prefix is not null && method.StartsWith(_prefix, StringComparison.Ordinal));
        }

        internal sealed class Builder
        {
            private static readonly string[] s_mixpanel = { "Track", "TrackAsync", "Alias", "AliasAsync", "PeopleSet", "PeopleSetAsync", "PeopleSetOnce", "PeopleSetOnceAsync" };

            private readonly Compilation _compilation;
            private readonly Dictionary<INamedTypeSymbol, Entry> _entries = new Dictionary<INamedTypeSymbol, Entry>(SymbolEqualityComparer.Default);

            public Builder(Compilation compilation)
            {
                _compilation = compilation;
            }

            /// <summary>Adds <paramref name="methods"/> of <paramref name="metadataName"/> (all methods when none are named).</summary>
            public Builder Add(string metadataName, string display, params string[] methods)
            {
                var type = KnownTypes.Get(_compilation, metadataName);
                if (type is not null)
                {
                    _entries[type] = new Entry(display, methods.Length == 0 ? null : ImmutableHashSet.Create(StringComparer.Ordinal, methods), null);
                }

                return this;
            }

            /// <summary>Adds every method of <paramref name="metadataName"/> whose name starts with <paramref name="prefix"/>.</summary>
            public Builder AddPrefix(string metadataName, string display, string prefix)
            {
                var type = KnownTypes.Get(_compilation, metadataName);
                if (type is not null)
                {
                    _entries[type] = new Entry(display, null, prefix);
                }

                return this;
            }

            /// <summary>
            /// Analytics and telemetry that leave the shop: Application Insights <c>Track*</c>, Activity tags and baggage
            /// (exported by OpenTelemetry), Segment, Mixpanel and Sentry.
            /// </summary>
            public Builder AddTelemetry() =>
                AddPrefix("Microsoft.ApplicationInsights.TelemetryClient", "telemetry", "Track")
                .Add("System.Diagnostics.Activity", "telemetry (Activity)", "SetTag", "AddTag", "SetBaggage", "AddBaggage")
                .Add("Segment.Client", "Segment analytics", "Identify", "Track", "Page", "Screen", "Group", "Alias")
                .Add("Segment.Analytics.Analytics", "Segment analytics", "Identify", "Track", "Page", "Screen", "Group", "Alias")
                .Add("Mixpanel.MixpanelClient", "Mixpanel analytics", s_mixpanel)
                .Add("Mixpanel.IMixpanelClient", "Mixpanel analytics", s_mixpanel)
                .Add("Sentry.SentrySdk", "Sentry", "CaptureMessage", "AddBreadcrumb");

            public SinkTable Build() => new SinkTable(_entries);
        }
    }
}
