using System.Collections.Immutable;
using System.Diagnostics;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

// secureshop analyzer timing: runs every SecureShop analyzer on the compilations described by csc command lines
// (response files) and prints each analyzer's own time (Roslyn's analyzer telemetry), per run and compilation.
// Run 1 of the first compilation includes loading and JIT of the analyzer code, as in every csc process of a build.
// CPU is the process's processor time during the analysis (binding of the operation trees included), steadier than the
// per-analyzer wall times when the machine is busy.
//   dotnet run -c Release --project bench/SecureShop.AnalyzerTiming -- [--runs N] [--concurrent] [--analyzer DLL] [--only SSxxxx] FILE.rsp...
// A response file holds the arguments of a Csc task (from `dotnet build -v:d`: the line after ".../bincore/csc");
// paths in it are relative to the response file's folder (the project's folder).
int runs = 3;
bool concurrent = false;
string? analyzerPath = null;
string? only = null;
var rspFiles = new List<string>();
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--runs":
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--analyzer":
            analyzerPath = Path.GetFullPath(args[++i]);
            break;
        case "--only":
            only = args[++i];
            break;
        case "--concurrent":
            concurrent = true;
            break;
        default:
            rspFiles.Add(Path.GetFullPath(args[i]));
            break;
    }
}

if (rspFiles.Count == 0)
{
    Console.Error.WriteLine("usage: [--runs N] [--concurrent] FILE.rsp...");
    return 2;
}

var assembly = analyzerPath is null ? typeof(SecureShop.Analyzers.RuleCatalog).Assembly : System.Reflection.Assembly.LoadFile(analyzerPath);
var analyzers = assembly.GetTypes()
    .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
    .Where(t => only is null || t.Name.StartsWith(only, StringComparison.Ordinal))
    .OrderBy(t => t.Name, StringComparer.Ordinal)
    .Select(t => new SecureShop.AnalyzerTiming.CpuTimedAnalyzer((DiagnosticAnalyzer)Activator.CreateInstance(t)!))
    .ToList();

var totals = new Dictionary<string, double[]>(StringComparer.Ordinal);
var cpuTotals = new Dictionary<string, double[]>(StringComparer.Ordinal);
var wall = new double[runs];
var cpu = new double[runs];
foreach (var rsp in rspFiles)
{
    var (compilation, options) = Load(rsp);
    Console.WriteLine($"{Path.GetFileName(Path.GetDirectoryName(rsp))}: {compilation.SyntaxTrees.Count()} trees");
    var diagnostics = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Take(3).ToList();
    foreach (var d in diagnostics)
    {
        Console.WriteLine("  compile error: " + d);
    }

    for (int run = 0; run < runs; run++)
    {
        // A fresh compilation per run: nothing bound by an earlier run is reused.
        var fresh = compilation.Clone();
        var timed = analyzers.Select(a => new SecureShop.AnalyzerTiming.CpuTimedAnalyzer(a.Inner)).ToList();
        var withAnalyzers = fresh.WithAnalyzers(timed.ToImmutableArray<DiagnosticAnalyzer>(), new CompilationWithAnalyzersOptions(options, null, concurrentAnalysis: concurrent, logAnalyzerExecutionTime: true, reportSuppressedDiagnostics: false));
        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var found = await withAnalyzers.GetAnalyzerDiagnosticsAsync();
        watch.Stop();
        process.Refresh();
        double cpuSeconds = (process.TotalProcessorTime - cpuBefore).TotalSeconds;
        wall[run] += watch.Elapsed.TotalSeconds;
        cpu[run] += cpuSeconds;
        double sum = 0, cpuSum = 0;
        foreach (var analyzer in timed)
        {
            var info = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None);
            var name = analyzer.Inner.GetType().Name;
            if (!cpuTotals.TryGetValue(name, out var cpuPerRun))
            {
                cpuTotals[name] = cpuPerRun = new double[runs];
            }

            cpuPerRun[run] += analyzer.Seconds;
            cpuSum += analyzer.Seconds;
            if (!totals.TryGetValue(name, out var perRun))
            {
                totals[name] = perRun = new double[runs];
            }

            perRun[run] += info.ExecutionTime.TotalSeconds;
            sum += info.ExecutionTime.TotalSeconds;
        }

        Console.WriteLine($"  run {run + 1}: {found.Length} findings, analyzers {sum:F3} s (CPU {cpuSum:F3} s), wall {watch.Elapsed.TotalSeconds:F3} s, CPU {cpuSeconds:F3} s");
    }
}

Console.WriteLine();
Console.WriteLine("analyzer CPU seconds (thread time of its callbacks), summed over the compilations, per run:");
foreach (var (name, perRun) in cpuTotals.OrderByDescending(p => p.Value.Sum()))
{
    Console.WriteLine($"  {name,-55} {string.Join("  ", perRun.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}");
}

Console.WriteLine($"  {"total",-55} {string.Join("  ", Enumerable.Range(0, runs).Select(r => cpuTotals.Values.Sum(v => v[r]).ToString("F3", CultureInfo.InvariantCulture)))}");
Console.WriteLine();
Console.WriteLine("analyzer wall seconds (Roslyn telemetry), summed over the compilations, per run:");
foreach (var (name, perRun) in totals.OrderByDescending(p => p.Value.Sum()))
{
    Console.WriteLine($"  {name,-55} {string.Join("  ", perRun.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}");
}

Console.WriteLine($"  {"total",-55} {string.Join("  ", Enumerable.Range(0, runs).Select(r => totals.Values.Sum(v => v[r]).ToString("F3", CultureInfo.InvariantCulture)))}");
Console.WriteLine($"  {"wall (GetAnalyzerDiagnosticsAsync, binding included)",-55} {string.Join("  ", wall.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}");
Console.WriteLine($"  {"CPU (GetAnalyzerDiagnosticsAsync, binding included)",-55} {string.Join("  ", cpu.Select(s => s.ToString("F3", CultureInfo.InvariantCulture)))}");
return 0;

static (Compilation Compilation, AnalyzerOptions Options) Load(string rsp)
{
    var directory = Path.GetDirectoryName(rsp)!;
    var arguments = CommandLineParser.SplitCommandLineIntoArguments(File.ReadAllText(rsp).Trim(), removeHashComments: false);
    var parsed = CSharpCommandLineParser.Default.Parse(arguments, directory, sdkDirectory: null);
    var trees = parsed.SourceFiles
        .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f.Path), parsed.ParseOptions, f.Path))
        .ToList();
    var references = parsed.MetadataReferences
        .Select(r => (MetadataReference)MetadataReference.CreateFromFile(Path.GetFullPath(r.Reference, directory)))
        .ToList();
    var configs = parsed.AnalyzerConfigPaths.Select(p => AnalyzerConfig.Parse(File.ReadAllText(p), p)).ToList();
    var set = AnalyzerConfigSet.Create(configs);
    var provider = new ConfigOptionsProvider(set, trees);
    var compilation = CSharpCompilation.Create(parsed.CompilationName, trees, references, parsed.CompilationOptions);
    return (compilation, new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty, provider));
}

/// <summary>The .editorconfig/.globalconfig options of the build, as the compiler gives them to analyzers.</summary>
internal sealed class ConfigOptionsProvider(AnalyzerConfigSet set, IEnumerable<SyntaxTree> trees) : AnalyzerConfigOptionsProvider
{
    private readonly Dictionary<SyntaxTree, AnalyzerConfigOptions> _perTree = trees.ToDictionary(t => t, t => (AnalyzerConfigOptions)new Options(set.GetOptionsForSourcePath(t.FilePath).AnalyzerOptions));

    public override AnalyzerConfigOptions GlobalOptions { get; } = new Options(set.GlobalConfigOptions.AnalyzerOptions);

    public override AnalyzerConfigOptions GetOptions(SyntaxTree tree) => _perTree.TryGetValue(tree, out var o) ? o : GlobalOptions;

    public override AnalyzerConfigOptions GetOptions(AdditionalText textFile) => GlobalOptions;

    private sealed class Options(ImmutableDictionary<string, string> values) : AnalyzerConfigOptions
    {
        public override bool TryGetValue(string key, out string value) => values.TryGetValue(key, out value!);
    }
}
