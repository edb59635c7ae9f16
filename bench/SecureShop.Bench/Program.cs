using System.Globalization;
using System.Reflection;
using System.Text.Json;
using SecureShop.Bench;

// secureshop bench: generates synthetic shops of several sizes and measures what the analyzers and the
// `secureshop` tool cost. Usage: dotnet run -c Release --project bench/SecureShop.Bench -- [--sizes 250,1000,4000] [--runs 3] [--out bench-results.json] [--keep]
// or, to profile by hand: -- --generate FILES DIR
// or, the real-code precision routine: -- --real-world CORPUS_DIR bench/RealWorld/NAME.review.json [--write-new]
var sizes = new List<int> { 250, 1000, 4000 };
int runs = 3;
string output = "bench-results.json";
bool keep = false;
for (int i = 0; i < args.Length; i++)
{
    switch (args[i])
    {
        case "--sizes":
            sizes = args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToList();
            break;
        case "--runs":
            runs = int.Parse(args[++i], CultureInfo.InvariantCulture);
            break;
        case "--out":
            output = args[++i];
            break;
        case "--keep":
            keep = true;
            break;
        case "--real-world":
            // Re-scan one reviewed corpus and print what changed against its review (RealWorld.cs).
            var corpus = Path.GetFullPath(args[++i]);
            var review = Path.GetFullPath(args[++i]);
            bool writeNew = i + 1 < args.Length && args[i + 1] == "--write-new";
            return RealWorld.Check(BuildCli(typeof(Measure).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!), corpus, review, writeNew);
        case "--generate":
            // Only write a synthetic shop (for profiling): --generate FILES DIR
            var only = new ShopGenerator(int.Parse(args[++i], CultureInfo.InvariantCulture), Path.GetFullPath(args[++i]), "/dev/null");
            only.Generate();
            Console.WriteLine($"generated {only.SolutionPath} ({only.PlantedFindings} planted findings), on branch feature");
            return 0;
        default:
            Console.Error.WriteLine($"unknown option {args[i]}; options: --sizes N,N --runs N --out FILE --keep | --generate FILES DIR");
            return 2;
    }
}

var repository = typeof(Measure).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepositoryRoot").Value!;
Console.Error.WriteLine("building the analyzers and the secureshop tool (Release)...");
Require(Measure.Run(repository, "dotnet", ["build", "analyzers/SecureShop.Analyzers", "-c", "Release", "-nodeReuse:false"]), "analyzer build");
var analyzer = Path.Combine(repository, "analyzers/SecureShop.Analyzers/bin/Release/netstandard2.0/SecureShop.Analyzers.dll");
string? cli = null;
var cliProject = Path.Combine(repository, "cli/SecureShop.Cli/SecureShop.Cli.csproj");
if (File.Exists(cliProject))
{
    Require(Measure.Run(repository, "dotnet", ["build", cliProject, "-c", "Release", "-nodeReuse:false"]), "secureshop build");
    cli = Directory.GetFiles(Path.Combine(repository, "cli/SecureShop.Cli/bin/Release"), "secureshop.dll", SearchOption.AllDirectories).FirstOrDefault()
        ?? Directory.GetFiles(Path.Combine(repository, "cli/SecureShop.Cli/bin/Release"), "SecureShop.Cli.dll", SearchOption.AllDirectories).First();
}
else
{
    Console.Error.WriteLine("cli/SecureShop.Cli is not there: the scan measurements are skipped.");
}

var results = new List<SizeResult>();
foreach (var size in sizes)
{
    var root = Path.Combine(Path.GetTempPath(), $"secureshop-bench-{size}-{Guid.NewGuid():N}");
    try
    {
        Console.Error.WriteLine($"[{size}] generating the shop in {root}...");
        var generator = new ShopGenerator(size, root, analyzer);
        generator.Generate();
        Require(Measure.Run(root, "dotnet", ["restore", "Shop.sln"]), "restore");
        Require(Measure.Run(root, "git", ["checkout", "-q", "feature"]), "checkout");

        Console.Error.WriteLine($"[{size}] dotnet build --no-incremental without analyzers x{runs}...");
        var plain = Repeat(runs, () => Measure.Run(root, "dotnet", ["build", "Shop.sln", "--no-restore", "--no-incremental", "-nodeReuse:false", "-clp:PerformanceSummary", "-p:SecureShopAnalyzers=false"]), "build");
        Console.Error.WriteLine($"[{size}] dotnet build --no-incremental with analyzers (ReportAnalyzer) x{runs}...");
        var analyzed = Repeat(runs, () => Measure.Run(root, "dotnet", ["build", "Shop.sln", "--no-restore", "--no-incremental", "-nodeReuse:false", "-v:d", "-clp:PerformanceSummary", "-p:SecureShopAnalyzers=true", "-p:ReportAnalyzer=true"]), "build");
        var perAnalyzer = analyzed.Select(r => Measure.AnalyzerSeconds(r.Output)).ToList();
        var analyzerNames = perAnalyzer.SelectMany(d => d.Keys).Distinct().ToList();
        var medianPerAnalyzer = analyzerNames.ToDictionary(n => n, n => Median(perAnalyzer.Select(d => d.GetValueOrDefault(n))));

        RunSummary? scanAll = null, scanBase = null;
        if (cli is not null)
        {
            Console.Error.WriteLine($"[{size}] secureshop scan --new-code all x{runs}...");
            scanAll = Summarize(Repeat(runs, () => Measure.Run(root, "dotnet", [cli, "scan", "Shop.sln", "--new-code", "all", "--quiet", "--fail-on", "never"]), "scan"));
            Console.Error.WriteLine($"[{size}] secureshop scan --base main x{runs}...");
            scanBase = Summarize(Repeat(runs, () => Measure.Run(root, "dotnet", [cli, "scan", "Shop.sln", "--base", "main", "--quiet", "--fail-on", "never"]), "scan"));
        }

        results.Add(new SizeResult(
            size,
            generator.PlantedFindings,
            Summarize(plain),
            Summarize(analyzed),
            Median(plain.Select(r => Measure.CompilerSeconds(r.Output))),
            Median(analyzed.Select(r => Measure.CompilerSeconds(r.Output))),
            medianPerAnalyzer,
            scanAll,
            scanBase));
    }
    finally
    {
        if (!keep)
        {
            Directory.Delete(root, recursive: true);
        }
    }
}

var report = Report.Table(results);
Console.WriteLine(report);
File.WriteAllText(output, JsonSerializer.Serialize(results, new JsonSerializerOptions { WriteIndented = true }));
Console.Error.WriteLine($"written {Path.GetFullPath(output)}");
return 0;

static List<RunResult> Repeat(int runs, Func<RunResult> run, string what)
{
    var list = new List<RunResult>();
    for (int i = 0; i < runs; i++)
    {
        list.Add(Require(run(), what, allowFindings: true));
    }

    return list;
}

static RunResult Require(RunResult result, string what, bool allowFindings = false)
{
    // A scan exits 1 when it reports findings at or above --fail-on; anything else is a failure.
    if (result.ExitCode != 0 && !(allowFindings && result.ExitCode == 1 && what == "scan"))
    {
        throw new InvalidOperationException($"{what} failed (exit {result.ExitCode}):\n{result.Output[^Math.Min(4000, result.Output.Length)..]}");
    }

    return result;
}

static RunSummary Summarize(List<RunResult> runs) =>
    new(Median(runs.Select(r => r.Wall.TotalSeconds)), runs.Max(r => r.PeakBytes) / (1024.0 * 1024.0), runs.Select(r => r.Wall.TotalSeconds).ToArray());

static double Median(IEnumerable<double> values)
{
    var sorted = values.Where(v => !double.IsNaN(v)).Order().ToArray();
    if (sorted.Length == 0)
    {
        return double.NaN;
    }

    return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
}

/// <summary>Builds the secureshop tool (Release) and returns the path of its entry assembly.</summary>
static string BuildCli(string repository)
{
    Require(Measure.Run(repository, "dotnet", ["build", Path.Combine(repository, "cli/SecureShop.Cli/SecureShop.Cli.csproj"), "-c", "Release", "-nodeReuse:false"]), "secureshop build");
    return Directory.GetFiles(Path.Combine(repository, "cli/SecureShop.Cli/bin/Release"), "secureshop.dll", SearchOption.AllDirectories).First();
}

internal sealed record RunSummary(double MedianSeconds, double PeakMiB, double[] Seconds);

internal sealed record SizeResult(
    int Files,
    int PlantedFindings,
    RunSummary BuildWithout,
    RunSummary BuildWith,
    double CompilerSecondsWithout,
    double CompilerSecondsWith,
    Dictionary<string, double> AnalyzerSeconds,
    RunSummary? ScanAll,
    RunSummary? ScanBase);
