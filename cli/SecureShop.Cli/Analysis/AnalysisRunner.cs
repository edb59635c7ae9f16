using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers;
using SecureShop.Cli.Loading;
using SecureShop.Cli.Reporting;

namespace SecureShop.Cli.Analysis;

/// <summary>
/// Runs the SecureShop analyzers over loaded projects with CompilationWithAnalyzers, using each project's
/// own analyzer options (so .editorconfig / .globalconfig severities, #pragma and [SuppressMessage] act
/// exactly as in `dotnet build`). With a document filter only the matching documents are analysed and a
/// project with none of them is not even compiled.
/// </summary>
internal sealed class AnalysisRunner(string sourceRoot, bool includeSuppressed, Action<string> log, Func<string, string>? pathMap = null)
{
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

    public async Task<(IReadOnlyList<Finding> Findings, IReadOnlyList<Notification> Notifications, int DocumentsAnalysed)> RunAsync(
        LoadedCode code, Func<string, bool>? documentFilter, CancellationToken ct)
    {
        var raw = new ConcurrentBag<(Diagnostic Diagnostic, Compilation Compilation)>();
        var notifications = new ConcurrentBag<Notification>();
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
                var compilation = await project.GetCompilationAsync(token);
                log($"{project.Name}: compilation ready in {watch.Elapsed.TotalSeconds:F2} s");
                if (compilation is null)
                {
                    notifications.Add(new Notification(Level.Error, "compilation-failed", $"{project.Name} could not be compiled"));
                    return;
                }

                var options = new CompilationWithAnalyzersOptions(
                    project.AnalyzerOptions,
                    onAnalyzerException: (exception, analyzer, _) => notifications.Add(new Notification(
                        Level.Error, "analyzer-exception", $"{analyzer.GetType().Name} failed in {project.Name}: {exception.GetType().Name}: {exception.Message}")),
                    concurrentAnalysis: true,
                    logAnalyzerExecutionTime: false,
                    reportSuppressedDiagnostics: true);
                var withAnalyzers = compilation.WithAnalyzers(Analyzers, options);
                if (documentFilter is null)
                {
                    foreach (var d in await withAnalyzers.GetAnalyzerDiagnosticsAsync(token))
                    {
                        raw.Add((d, compilation));
                    }

                    log($"{project.Name}: analysed in {watch.Elapsed.TotalSeconds:F2} s");
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
            });

        return (ToFindings(raw), notifications.OrderBy(n => n.Message, StringComparer.Ordinal).ToList(), documents);
    }

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
                d.IsSuppressed));
        }

        return Fingerprints.Disambiguate(findings);
    }

    /// <summary>The path reports use: relative to the source root, forward slashes; for a base-tree scan, the path the file has now.</summary>
    public string RelativePath(string file)
    {
        var relative = Path.GetRelativePath(sourceRoot, file).Replace('\\', '/');
        return pathMap is null ? relative : pathMap(relative);
    }
}
