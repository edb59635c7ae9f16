using System.Diagnostics;
using System.IO.Enumeration;
using SecureShop.Cli.Analysis;
using SecureShop.Cli.Diff;
using SecureShop.Cli.Loading;
using SecureShop.Cli.Reporting;

namespace SecureShop.Cli;

/// <summary>
/// The scan pipeline: load -> analyze -> select new code -> report. Each stage is its own type; this one
/// only passes plain data between them and decides which new-code rule applies (CLI.md).
/// </summary>
internal sealed class Scanner(ScanOptions options, Progress progress, Func<string, string?> environment)
{
    public async Task<ScanReport> RunAsync(IReadOnlyList<string> commandLine, CancellationToken ct)
    {
        var started = DateTime.UtcNow;
        var watch = Stopwatch.StartNew();
        var baseline = options.Baseline is null ? null : BaselineFile.Read(options.Baseline);

        using var git = GitRepository.Discover(options.Path);
        var baseRef = options.Base;
        var mode = options.NewCode ?? (baseRef is null ? NewCodeMode.All : NewCodeMode.Lines);
        if (baseRef is null && mode != NewCodeMode.All)
        {
            baseRef = GitRepository.BaseFromEnvironment(environment)
                ?? throw new UsageException($"--new-code {mode.ToString().ToLowerInvariant()} needs a base: pass --base REF (or run in a pull request of GitHub Actions, Azure Pipelines, GitLab or Bitbucket)");
        }

        if (baseRef is not null && git is null)
        {
            throw new UsageException($"--base {baseRef}: '{options.Path}' is not inside a git repository, so there is no base to compare with");
        }

        ChangeSet? changes = null;
        LibGit2Sharp.Commit? mergeBase = null;
        if (baseRef is not null && mode != NewCodeMode.All)
        {
            mergeBase = git!.MergeBase(baseRef);
            changes = git.Changes(mergeBase, $"{baseRef} ({mergeBase.Sha[..8]})");
            progress.Info($"base {changes.BaseDescription}: {changes.Files.Count(f => f.Value.HasChanges)} changed file(s)");
        }

        var sourceRoot = git?.Root ?? (File.Exists(options.Path) ? Path.GetDirectoryName(Path.GetFullPath(options.Path))! : Path.GetFullPath(options.Path));
        var loader = new WorkspaceLoader(options.Properties, progress.Info);
        progress.Status("loading projects");
        // A pull-request scan (lines, files) loads only the projects that hold a changed C# file; `findings`
        // compares with a scan of the base, and a full scan needs everything.
        var code = mode is NewCodeMode.Lines or NewCodeMode.Files && changes is not null
            ? await loader.LoadForChangeAsync(options.Path, ChangedSources(changes, sourceRoot), ct)
            : await loader.LoadAsync(options.Path, ct);
        progress.Info($"loaded {code.Projects.Count} project(s) in {watch.Elapsed.TotalSeconds:F2} s");

        var description = code.Description;
        var analysed = code;
        if (options.Shard is { } shard)
        {
            // Every shard loads the solution (to split it the same way) and analyses its part; what the loader
            // could not load, and changed files no project contains, are reported by every shard (merge keeps one).
            var mine = shard.Select(code.Projects);
            analysed = code with { Projects = mine };
            description = $"{code.Description}, shard {shard} ({mine.Count} of {code.Projects.Count} project(s))";
            progress.Info($"shard {shard}: {string.Join(", ", mine.Select(p => p.Name).Distinct(StringComparer.Ordinal))}");
        }

        var runner = new AnalysisRunner(sourceRoot, options.IncludeSuppressed, progress.Info, verbose: options.Verbose);
        Func<string, bool>? filter = mode is NewCodeMode.Lines or NewCodeMode.Files && changes is not null
            ? file => changes.IsChangedFile(runner.RelativePath(file))
            : null;
        progress.Status("analysing");
        var analysis = await runner.RunAsync(analysed, filter, ct);
        var allNotifications = code.Notifications.Concat(analysis.Notifications).ToList();
        var coverage = code.NotLoaded
            .Concat(analysis.Coverage)
            .Concat(changes is null ? [] : ChangesNobodyAnalysed(code, changes, runner))
            .ToList();
        var findings = analysis.Findings;
        var documents = analysis.DocumentsAnalysed;

        var selected = findings.Where(Included).ToList();
        selected = mode switch
        {
            NewCodeMode.Lines => selected.Where(f => f.HasLocation && changes!.TouchesLines(f.Path!, f.StartLine, f.EndLine)).Select(New).ToList(),
            NewCodeMode.Files => selected.Where(f => f.HasLocation && changes!.IsChangedFile(f.Path!)).Select(New).ToList(),
            NewCodeMode.Findings => await NewSinceBaseAsync(selected, git!, mergeBase!, changes!, sourceRoot, ct),
            _ => selected,
        };

        if (baseline is not null)
        {
            selected = Fingerprints.Unmatched(selected, baseline).Select(New).ToList();
        }

        var (url, commit, branch) = git?.Provenance() ?? (null, null, null);
        watch.Stop();
        return new ScanReport(
            sourceRoot,
            description,
            mode,
            changes?.BaseDescription,
            selected,
            allNotifications,
            coverage,
            documents,
            watch.Elapsed,
            started,
            DateTime.UtcNow,
            url,
            commit,
            branch,
            options.Category,
            baseline is not null,
            commandLine);
    }

    /// <summary>`findings` mode: scan a snapshot of the merge-base too; a finding is new when its fingerprint was not there.</summary>
    private async Task<List<Finding>> NewSinceBaseAsync(List<Finding> current, GitRepository git, LibGit2Sharp.Commit mergeBase, ChangeSet changes, string sourceRoot, CancellationToken ct)
    {
        var snapshot = git.Snapshot(mergeBase);
        try
        {
            progress.Status("analysing the base");
            var relativeTarget = Path.GetRelativePath(git.Root, Path.GetFullPath(options.Path));
            var baseTarget = Path.Combine(snapshot, relativeTarget);
            if (!File.Exists(baseTarget) && !Directory.Exists(baseTarget))
            {
                return current.Select(New).ToList(); // the scanned project did not exist at the base: all is new
            }

            var code = await new WorkspaceLoader(options.Properties, progress.Info).LoadAsync(baseTarget, ct);
            var runner = new AnalysisRunner(snapshot, options.IncludeSuppressed, progress.Info, changes.CurrentPathOf);
            var baseAnalysis = await runner.RunAsync(code, null, ct);
            return Fingerprints.Unmatched(current, baseAnalysis.Findings.Select(f => (f.Fingerprint, f.Path))).Select(New).ToList();
        }
        finally
        {
            try
            {
                Directory.Delete(snapshot, recursive: true);
            }
            catch (IOException)
            {
                progress.Info($"could not remove the base snapshot {snapshot}");
            }
        }
    }

    /// <summary>
    /// Changed C# files (that still exist and that --include/--exclude keep) which no loaded project contains:
    /// the gate would pass them unseen. A project that did not load is reported once for itself, and its
    /// changed files here too, so the user sees which changes went unanalysed.
    /// </summary>
    private IEnumerable<Coverage> ChangesNobodyAnalysed(LoadedCode code, ChangeSet changes, AnalysisRunner runner)
    {
        var analysed = code.Projects
            .SelectMany(p => p.Documents)
            .Where(d => d.FilePath is not null)
            .Select(d => runner.RelativePath(d.FilePath!))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var change in changes.Files.Values.Where(c => c.HasChanges).OrderBy(c => c.Path, StringComparer.Ordinal))
        {
            if (!change.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase)
                || analysed.Contains(change.Path)
                || !File.Exists(Path.Combine(runner.SourceRoot, change.Path))
                || !IncludedPath(change.Path))
            {
                continue;
            }

            yield return new Coverage(change.Path, CoverageState.UnanalysedChange, "");
        }
    }

    /// <summary>The changed C# files that exist and that --include/--exclude keep, as full paths.</summary>
    private List<string> ChangedSources(ChangeSet changes, string sourceRoot) => changes.Files.Values
        .Where(c => c.HasChanges && c.Path.EndsWith(".cs", StringComparison.OrdinalIgnoreCase) && IncludedPath(c.Path))
        .Select(c => Path.GetFullPath(Path.Combine(sourceRoot, c.Path)))
        .Where(File.Exists)
        .ToList();

    private static Finding New(Finding finding) => finding with { BaselineState = "new" };

    private bool Included(Finding finding)
    {
        if (!finding.HasLocation)
        {
            return options.Include.Count == 0;
        }

        return IncludedPath(finding.Path!);
    }

    private bool IncludedPath(string path)
    {
        bool Match(string glob) => FileSystemName.MatchesSimpleExpression(glob.Replace("**/", "*", StringComparison.Ordinal), path, ignoreCase: true);
        return (options.Include.Count == 0 || options.Include.Any(Match)) && !options.Exclude.Any(Match);
    }
}
