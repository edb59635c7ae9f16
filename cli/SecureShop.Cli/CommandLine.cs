namespace SecureShop.Cli;

internal enum NewCodeMode
{
    All,
    Lines,
    Files,
    Findings,
}

internal enum OutputFormat
{
    Console,
    Markdown,
    Json,
}

/// <summary>Everything `scan` and `baseline` are asked to do, as parsed from the command line (CLI.md).</summary>
internal sealed class ScanOptions
{
    public string Path { get; set; } = ".";

    public string? Base { get; set; }

    public NewCodeMode? NewCode { get; set; }

    public string? Sarif { get; set; }

    public OutputFormat Format { get; set; } = OutputFormat.Console;

    public Level FailOn { get; set; } = Level.Error;

    public string? Baseline { get; set; }

    public List<string> Include { get; } = [];

    public List<string> Exclude { get; } = [];

    public Dictionary<string, string> Properties { get; } = new(StringComparer.OrdinalIgnoreCase);

    public string? Category { get; set; }

    public bool Quiet { get; set; }

    public bool Verbose { get; set; }

    public bool IncludeSuppressed { get; set; }

    /// <summary>Exit by findings even when the analysis was incomplete (instead of exit code 3).</summary>
    public bool AllowPartial { get; set; }

    /// <summary>`--shard K/N`: analyse only this part of the projects (merge the parts' SARIF with `secureshop merge`).</summary>
    public Analysis.Shard? Shard { get; set; }

    /// <summary>For `baseline`: where to write the file.</summary>
    public string? Output { get; set; }
}

internal static class CommandLine
{
    public const string Usage = """
        secureshop: security analysis of C# shops for CI (SecureShop.Analyzers)

        Usage:
          secureshop scan [PATH] [options]          analyse PATH (.sln, .slnx, .csproj or folder; default: .)
          secureshop baseline [PATH] -o FILE        record today's findings so only new ones fail later
          secureshop merge A.sarif B.sarif ... -o FILE [--fail-on LEVEL]
                                                    one SARIF log from the shards of a scan
          secureshop rules [--format table|markdown|json]
          secureshop --version | --help

        scan options:
          --base REF                 compare with git REF (the merge-base of REF and HEAD); implies --new-code lines
          --new-code all|lines|files|findings
                                     what is reported (default: all without a base, lines with one)
          --sarif FILE               write SARIF 2.1.0 to FILE
          --format console|markdown|json
                                     what goes to standard output (default: console)
          --fail-on error|warning|note|never
                                     exit 1 when a reported finding is at or above this level (default: error)
          --baseline FILE            findings recorded in FILE are not new
          --include GLOB             report only files matching GLOB (repeatable)
          --exclude GLOB             do not report files matching GLOB (repeatable)
          -p:Name=Value              MSBuild global property for loading (repeatable)
          --category NAME            SARIF automationDetails.id, for several scans of one repository
          --shard K/N                analyse the K-th of N parts of the projects (balanced by size, the same
                                     split on every machine); merge the parts with `secureshop merge`
          --include-suppressed       write findings suppressed in source, with SARIF suppressions
          --allow-partial            gate on what was analysed even when the analysis was incomplete
                                     (exit 0/1 by findings instead of 3; the gaps are still reported)
          --quiet | --verbose        less / more on standard error (--verbose: time per project and per rule)

        PATH may also be a solution filter (.slnf).

        Exit codes: 0 no reported finding at or above --fail-on; 1 at least one; 2 bad usage or
        configuration; 3 the analysis could not run, or was incomplete: a project not loaded, analysed
        with unresolved references (packages that did not restore), a changed C# file in no loaded
        project, an analyzer that failed (unless --allow-partial). Projects analysed with compile errors
        are reported and make SARIF executionSuccessful false, but do not change the exit code.
        Severities come from .editorconfig / .globalconfig (dotnet_diagnostic.SS1001.severity = ...),
        #pragma warning disable and [SuppressMessage], exactly as in the IDE build.
        """;

    public static ScanOptions ParseScan(IReadOnlyList<string> args, bool isBaseline)
    {
        var options = new ScanOptions();
        bool pathSeen = false;
        for (int i = 0; i < args.Count; i++)
        {
            string arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count || (args[i + 1].StartsWith("--", StringComparison.Ordinal) && args[i + 1].Length > 2))
                {
                    throw new UsageException($"{arg} needs a value");
                }

                return args[++i];
            }

            switch (arg)
            {
                case "--base":
                    options.Base = Value();
                    break;
                case "--new-code":
                    options.NewCode = Value().ToLowerInvariant() switch
                    {
                        "all" => NewCodeMode.All,
                        "lines" => NewCodeMode.Lines,
                        "files" => NewCodeMode.Files,
                        "findings" => NewCodeMode.Findings,
                        var other => throw new UsageException($"--new-code takes all, lines, files or findings, not '{other}'"),
                    };
                    break;
                case "--sarif":
                    options.Sarif = Value();
                    break;
                case "--format":
                    options.Format = Value().ToLowerInvariant() switch
                    {
                        "console" => OutputFormat.Console,
                        "markdown" => OutputFormat.Markdown,
                        "json" => OutputFormat.Json,
                        var other => throw new UsageException($"--format takes console, markdown or json, not '{other}'"),
                    };
                    break;
                case "--fail-on":
                    options.FailOn = Levels.Parse(Value(), "--fail-on");
                    break;
                case "--baseline":
                    options.Baseline = Value();
                    break;
                case "--include":
                    options.Include.Add(Value());
                    break;
                case "--exclude":
                    options.Exclude.Add(Value());
                    break;
                case "--shard":
                    options.Shard = Analysis.Shard.Parse(Value());
                    break;
                case "--category":
                    options.Category = Value();
                    break;
                case "--include-suppressed":
                    options.IncludeSuppressed = true;
                    break;
                case "--allow-partial":
                    options.AllowPartial = true;
                    break;
                case "--quiet":
                case "-q":
                    options.Quiet = true;
                    break;
                case "--verbose":
                case "-v":
                    options.Verbose = true;
                    break;
                case "-o":
                case "--output" when isBaseline:
                    options.Output = Value();
                    break;
                default:
                    if (arg.StartsWith("-p:", StringComparison.Ordinal) || arg.StartsWith("--property:", StringComparison.Ordinal))
                    {
                        var pair = arg[(arg.IndexOf(':') + 1)..];
                        int eq = pair.IndexOf('=');
                        if (eq <= 0)
                        {
                            throw new UsageException($"{arg}: expected -p:Name=Value");
                        }

                        options.Properties[pair[..eq]] = pair[(eq + 1)..];
                    }
                    else if (arg.StartsWith('-'))
                    {
                        throw new UsageException($"unknown option '{arg}' (see secureshop --help)");
                    }
                    else if (!pathSeen)
                    {
                        options.Path = arg;
                        pathSeen = true;
                    }
                    else
                    {
                        throw new UsageException($"only one PATH may be given ('{options.Path}', then '{arg}')");
                    }

                    break;
            }
        }

        if (isBaseline && options.Output is null)
        {
            throw new UsageException("baseline needs -o FILE: where to write the baseline");
        }

        if (isBaseline && options.Shard is not null)
        {
            throw new UsageException("baseline records the findings of the whole solution; --shard is for scan");
        }

        OutputFile.Check(options.Sarif, "--sarif");
        OutputFile.Check(options.Output, "-o");

        if (options.Quiet && options.Verbose)
        {
            throw new UsageException("--quiet and --verbose cannot be used together");
        }

        return options;
    }
}

/// <summary>An output file is checked before the analysis, so a bad path costs nothing and loses nothing.</summary>
internal static class OutputFile
{
    public static void Check(string? path, string option)
    {
        if (path is null)
        {
            return;
        }

        if (path.Length == 0 || Directory.Exists(path) || path.EndsWith('/') || path.EndsWith(Path.DirectorySeparatorChar))
        {
            throw new UsageException($"{option} '{path}' is a directory; give a file name (for example {Path.Combine(path, option == "--sarif" ? "secureshop.sarif" : "secureshop-baseline.json")})");
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        for (var existing = folder; existing is not null; existing = Path.GetDirectoryName(existing))
        {
            if (File.Exists(existing))
            {
                throw new UsageException($"{option} '{path}': '{existing}' is a file, so the folder cannot be created");
            }

            if (Directory.Exists(existing))
            {
                break;
            }
        }
    }
}
