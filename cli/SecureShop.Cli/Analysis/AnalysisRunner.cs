using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers;
using SecureShop.Cli.Loading;
using SecureShop.Cli.Reporting;

namespace SecureShop.Cli.Analysis;

/// <summary>What analysis returns: the findings, notices (analyzer exceptions) and how completely each project was analysed.</summary>
internal sealed record AnalysisResult(
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Notification> Notifications,
    IReadOnlyList<Coverage> Coverage,
    int DocumentsAnalysed);

/// <summary>
/// Runs the SecureShop analyzers over loaded projects with CompilationWithAnalyzers, using each project's
/// own analyzer options (so .editorconfig / .globalconfig severities, #pragma and [SuppressMessage] act
/// exactly as in `dotnet build`). With a document filter only the matching documents are analysed and a
/// project with none of them is not even compiled.
/// </summary>
internal sealed class AnalysisRunner(string sourceRoot, bool includeSuppressed, Action<string> log, Func<string, string>? pathMap = null, bool verbose = false)
{
    /// <summary>With --verbose: each analyzer's own time, summed over the projects (Roslyn's analyzer telemetry).</summary>
    private readonly ConcurrentDictionary<DiagnosticAnalyzer, TimeSpan> _ruleTimes = new();

    /// <summary>Every analyzer of the SecureShop.Analyzers assembly, found as the compiler finds them.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } =
        typeof(RuleCatalog).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.IsDefined(typeof(DiagnosticAnalyzerAttribute), inherit: false))
            .OrderBy(t => t.FullName, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();

    /// <summary>Analyzers with compilation-end rules: they need the whole compilation even when few documents changed.</summary>
    private static readonly ImmutableArray<DiagnosticAnalyzer> s_compilationEndAnalyzers =
        Analyzers.Where(a => a.SupportedDiagnostics.Any(d => d.CustomTags.Contains(WellKnownDiagnosticTags.CompilationEnd))).ToImmutableArray();

    public async Task<AnalysisResult> RunAsync(LoadedCode code, Func<string, bool>? documentFilter, CancellationToken ct)
    {
        var raw = new ConcurrentBag<(Diagnostic Diagnostic, Compilation Compilation)>();
        var notifications = new ConcurrentBag<Notification>();
        var coverage = new ConcurrentBag<Coverage>();
        int documents = 0;
        await Parallel.ForEachAsync(
            code.Projects,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, Environment.ProcessorCount), CancellationToken = ct },
            async (project, token) =>
            {
                var changed = documentFilter is null
                    ? project.Documents.ToList()
                    : project.Documents.Where(d => d.FilePath is not null && documentFilter(d.FilePath)).ToList();
                if (changed.Count == 0)
                {
                    return; // nothing of this project is in the change: it is not compiled
                }

                Interlocked.Add(ref documents, changed.Count);
                log($"analysing {project.Name} ({(documentFilter is null ? "all" : changed.Count.ToString(CultureInfo.InvariantCulture))} documents)");
                var watch = System.Diagnostics.Stopwatch.StartNew();
                project = WithoutPackageBuildSeverities(project);
                var compilation = await project.GetCompilationAsync(token);
                log($"{project.Name}: compilation ready in {watch.Elapsed.TotalSeconds:F2} s");
                if (compilation is null)
                {
                    coverage.Add(new Coverage(project.Name, CoverageState.NotLoaded, "it could not be compiled"));
                    return;
                }

                // The finding's level is its rule's configured severity: a project's TreatWarningsAsErrors is a
                // build decision, and the gate has --fail-on for it.
                if (compilation.Options.GeneralDiagnosticOption == ReportDiagnostic.Error)
                {
                    compilation = compilation.WithOptions(compilation.Options.WithGeneralDiagnosticOption(ReportDiagnostic.Default));
                }

                coverage.Add(await CompletenessAsync(code, project, compilation, changed, token));

                var options = new CompilationWithAnalyzersOptions(
                    project.AnalyzerOptions,
                    onAnalyzerException: (exception, analyzer, _) => notifications.Add(new Notification(
                        Level.Error, "analyzer-exception", $"{analyzer.GetType().Name} failed in {project.Name}: {exception.GetType().Name}: {exception.Message}")),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: verbose,
                    reportSuppressedDiagnostics: true);
                var withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
                if (documentFilter is null)
                {
                    foreach (var d in await withAnalyzers.GetAnalyzerDiagnosticsAsync(token))
                    {
                        raw.Add((d, compilation));
                    }

                    log($"{project.Name}: analysed in {watch.Elapsed.TotalSeconds:F2} s");
                    await RecordRuleTimesAsync(project.Name, withAnalyzers, token);
                    return;
                }

                var trees = new HashSet<SyntaxTree>();
                foreach (var document in changed)
                {
                    var tree = await document.GetSyntaxTreeAsync(token);
                    if (tree is null)
                    {
                        continue;
                    }

                    trees.Add(tree);
                    foreach (var d in await withAnalyzers.GetAnalyzerSyntaxDiagnosticsAsync(tree, token))
                    {
                        raw.Add((d, compilation));
                    }

                    foreach (var d in await withAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(compilation.GetSemanticModel(tree), null, token))
                    {
                        raw.Add((d, compilation));
                    }
                }

                log($"{project.Name}: changed documents analysed in {watch.Elapsed.TotalSeconds:F2} s");
                if (!s_compilationEndAnalyzers.IsEmpty)
                {
                    var whole = await withAnalyzers.GetAnalysisResultAsync(s_compilationEndAnalyzers, token);
                    foreach (var d in whole.GetAllDiagnostics())
                    {
                        if (d.Location.SourceTree is { } tree && trees.Contains(tree))
                        {
                            raw.Add((d, compilation));
                        }
                    }

                    log($"{project.Name}: whole-compilation rules done in {watch.Elapsed.TotalSeconds:F2} s");
                }

                await RecordRuleTimesAsync(project.Name, withAnalyzers, token);
            });

        if (verbose && !_ruleTimes.IsEmpty)
        {
            var total = _ruleTimes.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
            log(string.Create(CultureInfo.InvariantCulture, $"analyzer time, all projects: {total.TotalSeconds:F2} s; by rule: {Top(_ruleTimes, 10)}"));
        }

        return new AnalysisResult(
            ToFindings(raw),
            notifications.OrderBy(n => n.Message, StringComparer.Ordinal).ToList(),
            coverage.OrderBy(c => c.Subject, StringComparer.Ordinal).ToList(),
            documents);
    }

    /// <summary>With --verbose, the rules that took longest in <paramref name="project"/>, and their sum over all projects.</summary>
    private async Task RecordRuleTimesAsync(string project, CompilationWithAnalyzers withAnalyzers, CancellationToken ct)
    {
        if (!verbose)
        {
            return;
        }

        var times = new Dictionary<DiagnosticAnalyzer, TimeSpan>();
        foreach (var analyzer in Analyzers)
        {
            var spent = (await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, ct)).ExecutionTime;
            times[analyzer] = spent;
            _ruleTimes.AddOrUpdate(analyzer, spent, (_, sum) => sum + spent);
        }

        var total = times.Values.Aggregate(TimeSpan.Zero, (a, b) => a + b);
        log(string.Create(CultureInfo.InvariantCulture, $"{project}: analyzer time {total.TotalSeconds:F2} s; slowest rules: {Top(times, 5)}"));
    }

    /// <summary>"SS1001 0.12 s, SS3005 0.08 s, ...": the <paramref name="count"/> analyzers that took longest, by their rule ids.</summary>
    private static string Top(IEnumerable<KeyValuePair<DiagnosticAnalyzer, TimeSpan>> times, int count) => string.Join(", ", times
        .OrderByDescending(t => t.Value)
        .ThenBy(t => t.Key.GetType().Name, StringComparer.Ordinal)
        .Take(count)
        .Select(t => string.Create(CultureInfo.InvariantCulture, $"{string.Join("/", t.Key.SupportedDiagnostics.Select(d => d.Id).Distinct())} {t.Value.TotalSeconds:F2} s")));

    /// <summary>The global config the analyzer package adds to builds (its error rules as warnings, README "Add it to a shop").</summary>
    public const string PackageBuildSeverityConfig = "SecureShop.Analyzers.BuildSeverity.globalconfig";

    /// <summary>
    /// The gate judges by the catalog's severities and the user's own configuration, not by the package's
    /// build-time softening: the package's global config is taken out of the project before it is compiled.
    /// </summary>
    private static Project WithoutPackageBuildSeverities(Project project)
    {
        var packageConfigs = project.AnalyzerConfigDocuments
            .Where(d => string.Equals(Path.GetFileName(d.FilePath), PackageBuildSeverityConfig, StringComparison.OrdinalIgnoreCase))
            .Select(d => d.Id)
            .ToImmutableArray();
        return packageConfigs.IsEmpty ? project : project.RemoveAnalyzerConfigDocuments(packageConfigs);
    }

    /// <summary>
    /// How completely <paramref name="project"/> is analysed: packages its restore could not resolve, type or
    /// namespace names its declarations cannot resolve (a missing reference), and analysed documents that do
    /// not parse. Declaration and parse diagnostics only: method bodies are not bound a second time.
    /// </summary>
    private static async Task<Coverage> CompletenessAsync(LoadedCode code, Project project, Compilation compilation, IReadOnlyList<Document> analysed, CancellationToken ct)
    {
        var analysedTrees = new HashSet<SyntaxTree>();
        foreach (var document in analysed)
        {
            if (await document.GetSyntaxTreeAsync(ct) is { } tree)
            {
                analysedTrees.Add(tree);
            }
        }

        if (!code.IsAdHoc)
        {
            if (project.FilePath is not null && code.RestoreFailures.TryGetValue(project.FilePath, out var restore))
            {
                return new Coverage(project.Name, CoverageState.UnresolvedReferences, restore);
            }

            var unresolved = compilation.GetDeclarationDiagnostics(ct)
                .Where(d => d.Severity == DiagnosticSeverity.Error && s_unresolvedReferenceIds.Contains(d.Id))
                .ToList();
            if (unresolved.Count > 0)
            {
                var names = unresolved.Select(d => d.Id switch
                    {
                        "CS0006" => "a metadata file",
                        "CS0518" => "a predefined type",
                        _ => d.GetMessage(CultureInfo.InvariantCulture).Split('\'').ElementAtOrDefault(1) ?? d.Id,
                    })
                    .Distinct(StringComparer.Ordinal)
                    .ToList();
                return new Coverage(project.Name, CoverageState.UnresolvedReferences, $"{Coverage.Count(names.Count, "unresolved name", "unresolved names")}: {string.Join(", ", names.Take(5))}{(names.Count > 5 ? ", ..." : "")}");
            }
        }

        var broken = analysedTrees.Count(tree => tree.GetDiagnostics(ct).Any(d => d.Severity == DiagnosticSeverity.Error));
        return broken > 0
            ? new Coverage(project.Name, CoverageState.CompileErrors, $"{Coverage.Count(broken, "document does not parse", "documents do not parse")}")
            : new Coverage(project.Name, CoverageState.Analysed, "");
    }

    /// <summary>Compiler errors that mean "a reference is missing", not "the code is wrong".</summary>
    private static readonly ImmutableHashSet<string> s_unresolvedReferenceIds =
        ImmutableHashSet.Create(StringComparer.Ordinal, "CS0006", "CS0012", "CS0234", "CS0246", "CS0518");

    private List<Finding> ToFindings(IEnumerable<(Diagnostic Diagnostic, Compilation Compilation)> raw)
    {
        var lineHashes = new Dictionary<SyntaxTree, string[]>();
        var findings = new List<Finding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (d, compilation) in raw.OrderBy(r => r.Diagnostic.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(r => r.Diagnostic.Location.SourceSpan.Start).ThenBy(r => r.Diagnostic.Id, StringComparer.Ordinal))
        {
            if (!d.Id.StartsWith("SS", StringComparison.Ordinal) || (d.IsSuppressed && !includeSuppressed))
            {
                continue;
            }

            var level = d.Severity switch
            {
                DiagnosticSeverity.Error => Level.Error,
                DiagnosticSeverity.Warning => Level.Warning,
                DiagnosticSeverity.Info => Level.Note,
                _ => Level.None,
            };
            if (level == Level.None)
            {
                continue; // "silent": configured not to be shown
            }

            string message = d.GetMessage(CultureInfo.InvariantCulture);
            if (!d.Location.IsInSource || d.Location.SourceTree is not { } tree)
            {
                if (seen.Add($"{d.Id}|{message}"))
                {
                    findings.Add(new Finding(d.Id, level, message, null, 0, 0, 0, 0, Fingerprints.SecureShop(d.Id, "", message), null, d.IsSuppressed));
                }

                continue;
            }

            var span = d.Location.GetLineSpan();
            string path = RelativePath(tree.FilePath);
            int line = span.StartLinePosition.Line + 1;
            // Multi-targeted projects report the same finding once per target framework.
            if (!seen.Add($"{d.Id}|{path}|{d.Location.SourceSpan}|{message}"))
            {
                continue;
            }

            var text = tree.GetText();
            if (!lineHashes.TryGetValue(tree, out var hashes))
            {
                lineHashes[tree] = hashes = LineHash.Compute(text.ToString());
            }

            var member = compilation.GetSemanticModel(tree).GetEnclosingSymbol(d.Location.SourceSpan.Start)?.ToDisplayString() ?? "";
            findings.Add(new Finding(
                d.Id,
                level,
                message,
                path,
                line,
                span.StartLinePosition.Character + 1,
                span.EndLinePosition.Line + 1,
                span.EndLinePosition.Character + 1,
                Fingerprints.SecureShop(d.Id, member, text.ToString(d.Location.SourceSpan)),
                line - 1 < hashes.Length ? hashes[line - 1] : null,
                d.IsSuppressed)
            {
                Related = RelatedLocations(d),
            });
        }

        return Fingerprints.Disambiguate(findings);
    }

    /// <summary>
    /// The diagnostic's additional locations in source, each with its message from the analyzers' property
    /// (<see cref="RelatedMessagesKey"/>: one line per location).
    /// </summary>
    private List<RelatedLocation> RelatedLocations(Diagnostic d)
    {
        var related = new List<RelatedLocation>();
        if (d.AdditionalLocations.Count == 0)
        {
            return related;
        }

        var messages = d.Properties.TryGetValue(RelatedMessagesKey, out var joined) && joined is not null ? joined.Split('\n') : [];
        for (int i = 0; i < d.AdditionalLocations.Count; i++)
        {
            var location = d.AdditionalLocations[i];
            if (!location.IsInSource || location.SourceTree is not { } tree)
            {
                continue;
            }

            var span = location.GetLineSpan();
            related.Add(new RelatedLocation(
                RelativePath(tree.FilePath),
                span.StartLinePosition.Line + 1,
                span.StartLinePosition.Character + 1,
                span.EndLinePosition.Line + 1,
                span.EndLinePosition.Character + 1,
                i < messages.Length && messages[i].Length > 0 ? messages[i] : "related location"));
        }

        return related;
    }

    /// <summary>The diagnostic property the analyzers put the additional locations' messages in (MethodSummaries.RelatedMessagesKey).</summary>
    private const string RelatedMessagesKey = "SecureShop.RelatedMessages";

    /// <summary>The folder report paths are relative to.</summary>
    public string SourceRoot => sourceRoot;

    /// <summary>The path reports use: relative to the source root, forward slashes; for a base-tree scan, the path the file has now.</summary>
    public string RelativePath(string file)
    {
        var relative = Path.GetRelativePath(sourceRoot, file).Replace('\\', '/');
        return pathMap is null ? relative : pathMap(relative);
    }
}
