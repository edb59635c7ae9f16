using System.Globalization;
using System.Reflection;
using System.Text.Json;
using SecureShop.Analyzers;
using SecureShop.Cli;
using SecureShop.Cli.Loading;
using SecureShop.Cli.Reporting;

// Exit codes (CLI.md): 0 nothing at or above --fail-on; 1 at least one; 2 bad usage or configuration;
// 3 the analysis could not run or was incomplete (unless --allow-partial).
try
{
    if (args.Length == 0 || args[0] is "--help" or "-h" or "help")
    {
        Console.WriteLine(SecureShop.Cli.CommandLine.Usage);
        return args.Length == 0 ? 2 : 0;
    }

    if (args[0] is "--version")
    {
        Console.WriteLine(typeof(RuleCatalog).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0] ?? "0.0.0");
        return 0;
    }

    switch (args[0])
    {
        case "rules":
            return Rules(args.Skip(1).ToList());
        case "merge":
            return Merge(args.Skip(1).ToList());
        case "scan":
        case "baseline":
            bool isBaseline = args[0] == "baseline";
            var options = SecureShop.Cli.CommandLine.ParseScan(args.Skip(1).ToList(), isBaseline);
            if (isBaseline)
            {
                options.NewCode = NewCodeMode.All;
                options.Base = null;
            }

            MSBuildSetup.Register(options.Path);
            return await ScanAsync(options, isBaseline, args);
        default:
            throw new UsageException($"unknown command '{args[0]}' (commands: scan, baseline, merge, rules; see secureshop --help)");
    }
}
catch (UsageException e)
{
    Console.Error.WriteLine($"secureshop: error: {e.Message}");
    return 2;
}
catch (AnalysisUnavailableException e)
{
    Console.Error.WriteLine($"secureshop: error: {e.Message}");
    return 3;
}

static async Task<int> ScanAsync(ScanOptions options, bool isBaseline, string[] commandLine)
{
    var progress = new Progress(options.Quiet, options.Verbose);
    var report = await new Scanner(options, progress, Environment.GetEnvironmentVariable).RunAsync(commandLine, CancellationToken.None);
    progress.Done();
    if (isBaseline)
    {
        BaselineFile.Write(options.Output!, report.Findings);
        Console.WriteLine($"secureshop: wrote {report.Findings.Count} finding(s) to the baseline {options.Output}");
        foreach (var gap in report.Gaps)
        {
            progress.Warn($"{gap.Level.Name()} {gap.Id}: {gap.Describe()}");
        }

        if (report.Incomplete && !options.AllowPartial)
        {
            progress.Warn("the baseline was recorded from an incomplete analysis (above): exit 3; pass --allow-partial to accept it");
            return 3;
        }

        return 0;
    }

    if (options.Sarif is not null)
    {
        SarifWriter.Write(report, options.Sarif);
    }

    Console.Write(options.Format switch
    {
        OutputFormat.Markdown => TextReports.Markdown(report),
        OutputFormat.Json => TextReports.Json(report) + Environment.NewLine,
        _ => TextReports.Console(report, options.Verbose),
    });

    foreach (var failure in report.Notifications.Where(n => n.Level == Level.Error))
    {
        progress.Warn($"{failure.Id}: {failure.Message}");
    }

    bool gate = options.FailOn != Level.None && report.Findings.Any(f => !f.Suppressed && f.Level >= options.FailOn);
    if (report.Incomplete)
    {
        var gaps = report.Gaps.Count(g => g.IsIncomplete) + report.Notifications.Count(n => n.Level == Level.Error && n.Id == "analyzer-exception");
        if (!options.AllowPartial)
        {
            // Never a pass (or a fail) on code that was not really analysed.
            Console.Error.WriteLine($"secureshop: error: the analysis was incomplete ({gaps} gap(s) listed above): exit 3. Fix the restore or load problem, or pass --allow-partial to gate on what was analysed.");
            return 3;
        }

        progress.Warn($"the analysis was incomplete ({gaps} gap(s) listed above); --allow-partial: the gate judges what was analysed");
    }

    return gate ? 1 : 0;
}

// `secureshop merge A.sarif B.sarif ... -o FILE [--fail-on LEVEL]`: exit 0, or 1 when a merged result that is not
// suppressed is at or above --fail-on (default never: the shards gate themselves), 2 for bad input.
static int Merge(List<string> args)
{
    string? output = null;
    var failOn = Level.None;
    var inputs = new List<string>();
    for (int i = 0; i < args.Count; i++)
    {
        switch (args[i])
        {
            case "-o" or "--output" when i + 1 < args.Count:
                output = args[++i];
                break;
            case "--fail-on" when i + 1 < args.Count:
                failOn = Levels.Parse(args[++i], "--fail-on");
                break;
            case var option when option.StartsWith('-'):
                throw new UsageException($"merge: unknown option or missing value '{option}' (merge A.sarif B.sarif ... -o FILE [--fail-on LEVEL])");
            default:
                inputs.Add(args[i]);
                break;
        }
    }

    if (output is null)
    {
        throw new UsageException("merge needs -o FILE: where to write the merged SARIF log");
    }

    OutputFile.Check(output, "-o");
    var merged = SarifMerge.Merge(inputs);
    SarifMerge.Write(merged.Log, output);
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"secureshop: merged {merged.Inputs} SARIF log(s) into {merged.Runs} run(s) with {merged.Results} result(s) ({merged.DuplicatesDropped} duplicate(s) dropped): {output}"));
    var failing = merged.Log.Runs.SelectMany(r => r.Results ?? []).Count(r =>
        (r.Suppressions is null || r.Suppressions.Count == 0) && failOn != Level.None && ToLevel(r.Level) >= failOn);
    return failing > 0 ? 1 : 0;
}

static Level ToLevel(Microsoft.CodeAnalysis.Sarif.FailureLevel level) => level switch
{
    Microsoft.CodeAnalysis.Sarif.FailureLevel.Error => Level.Error,
    Microsoft.CodeAnalysis.Sarif.FailureLevel.Warning => Level.Warning,
    Microsoft.CodeAnalysis.Sarif.FailureLevel.Note => Level.Note,
    _ => Level.None,
};

static int Rules(List<string> args)
{
    string format = "table";
    for (int i = 0; i < args.Count; i++)
    {
        if (args[i] == "--format" && i + 1 < args.Count)
        {
            format = args[++i].ToLowerInvariant();
        }
        else
        {
            throw new UsageException($"rules: unknown option '{args[i]}' (rules [--format table|markdown|json])");
        }
    }

    static string Severity(RuleInfo r) => r.Descriptor.DefaultSeverity.ToString().ToLowerInvariant();
    switch (format)
    {
        case "table":
            foreach (var r in RuleCatalog.All)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Id}  {Severity(r),-8} CWE-{r.Cwe,-4} {r.Title}  {r.HelpUri}"));
            }

            return 0;
        case "markdown":
            Console.WriteLine("| Rule | Title | Severity | CWE | PCI DSS |");
            Console.WriteLine("|---|---|---|---|---|");
            foreach (var r in RuleCatalog.All)
            {
                Console.WriteLine($"| [{r.Id}]({r.HelpUri}) | {r.Title} | {Severity(r)} | {r.Cwe} | {(r.PciDss.Count == 0 ? "-" : string.Join(", ", r.PciDss))} |");
            }

            return 0;
        case "json":
            Console.WriteLine(JsonSerializer.Serialize(
                RuleCatalog.All.Select(r => new { id = r.Id, title = r.Title, severity = Severity(r), cwe = r.Cwe, pciDss = r.PciDss, securitySeverity = r.SecuritySeverity, helpUri = r.HelpUri }),
                new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        default:
            throw new UsageException($"rules --format takes table, markdown or json, not '{format}'");
    }
}
