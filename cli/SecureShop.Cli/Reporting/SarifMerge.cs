using Microsoft.CodeAnalysis.Sarif;
using Microsoft.CodeAnalysis.Sarif.Processors;
using Microsoft.CodeAnalysis.Sarif.Visitors;
using Newtonsoft.Json;

namespace SecureShop.Cli.Reporting;

/// <summary>
/// `secureshop merge`: the SARIF logs of the shards of one scan (or of several scans) as one log that code
/// scanning accepts: one run per tool and category (GitHub keys an analysis by category and rejects several
/// runs of one category in an upload), built with Sarif.Sdk's own merge (SarifLogExtensionMethods.Merge
/// for the logs, RunMergingVisitor for the runs). Results found by two shards (a file compiled into
/// projects of both) are kept once, by rule, fingerprint and location; every shard's invocation is kept,
/// with each notification once (every shard reports what could not be loaded).
/// </summary>
internal static class SarifMerge
{
    public sealed record Outcome(SarifLog Log, int Inputs, int Runs, int Results, int DuplicatesDropped);

    public static Outcome Merge(IReadOnlyList<string> paths)
    {
        if (paths.Count == 0)
        {
            throw new UsageException("merge needs at least one SARIF file (secureshop merge A.sarif B.sarif ... -o FILE)");
        }

        var logs = paths.Select(Read).ToList();
        var all = logs.Merge(mergeEmptyLogs: true);
        int dropped = 0;
        var runs = new List<Run>();
        foreach (var group in all.Runs.GroupBy(RunKey, StringComparer.Ordinal))
        {
            var (run, duplicates) = MergeRuns(group.ToList());
            runs.Add(run);
            dropped += duplicates;
        }

        var log = new SarifLog { Version = SarifVersion.Current, SchemaUri = logs[0].SchemaUri ?? new Uri("https://json.schemastore.org/sarif-2.1.0.json"), Runs = runs };
        return new Outcome(log, paths.Count, runs.Count, runs.Sum(r => r.Results?.Count ?? 0), dropped);
    }

    public static void Write(SarifLog log, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        var settings = new JsonSerializerSettings { Formatting = Formatting.Indented, NullValueHandling = NullValueHandling.Ignore };
        File.WriteAllText(path, JsonConvert.SerializeObject(log, settings) + "\n");
    }

    private static SarifLog Read(string path)
    {
        if (!File.Exists(path))
        {
            throw new UsageException($"merge: '{path}' does not exist");
        }

        SarifLog? log;
        try
        {
            log = JsonConvert.DeserializeObject<SarifLog>(File.ReadAllText(path));
        }
        catch (JsonException e)
        {
            throw new UsageException($"merge: '{path}' is not a SARIF log: {e.Message}");
        }

        if (log?.Runs is null || log.Version != SarifVersion.Current)
        {
            throw new UsageException($"merge: '{path}' is not a SARIF 2.1.0 log (no runs, or another version)");
        }

        return log;
    }

    /// <summary>Runs of one tool and one category (automationDetails.id up to its last '/') become one run.</summary>
    private static string RunKey(Run run)
    {
        var id = run.AutomationDetails?.Id ?? "";
        var category = id.Contains('/', StringComparison.Ordinal) ? id[..(id.LastIndexOf('/') + 1)] : id;
        return $"{run.Tool?.Driver?.Name}|{category}";
    }

    private static (Run Run, int Duplicates) MergeRuns(List<Run> runs)
    {
        var first = runs[0];
        var visitor = new RunMergingVisitor();
        foreach (var run in runs)
        {
            visitor.VisitRun(run);
        }

        var merged = new Run
        {
            Tool = first.Tool,
            OriginalUriBaseIds = first.OriginalUriBaseIds,
            AutomationDetails = first.AutomationDetails,
            VersionControlProvenance = first.VersionControlProvenance,
            ColumnKind = first.ColumnKind,
            Invocations = Invocations(runs),
        };
        visitor.PopulateWithMerged(merged);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var results = new List<Result>();
        foreach (var result in merged.Results ?? [])
        {
            if (seen.Add(ResultKey(result)))
            {
                results.Add(result);
            }
        }

        int duplicates = (merged.Results?.Count ?? 0) - results.Count;
        merged.Results = results;
        return (merged, duplicates);
    }

    /// <summary>Every shard's invocation, in order; a notification another shard already gave is left out of the later ones.</summary>
    private static List<Invocation> Invocations(List<Run> runs)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var invocations = new List<Invocation>();
        foreach (var invocation in runs.SelectMany(r => r.Invocations ?? []))
        {
            if (invocation.ToolExecutionNotifications is { } notifications)
            {
                invocation.ToolExecutionNotifications = notifications
                    .Where(n => seen.Add($"{n.Level}|{n.Descriptor?.Id}|{n.Message?.Text}"))
                    .ToList();
            }

            invocations.Add(invocation);
        }

        return invocations;
    }

    private static string ResultKey(Result result)
    {
        var fingerprint = result.PartialFingerprints is { } prints && prints.TryGetValue(Fingerprints.Key, out var value) ? value : result.Message?.Text;
        var region = result.Locations?.FirstOrDefault()?.PhysicalLocation;
        return $"{result.RuleId}|{fingerprint}|{region?.ArtifactLocation?.Uri}|{region?.Region?.StartLine}|{region?.Region?.StartColumn}";
    }
}
