using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace SecureShop.Bench;

/// <summary>One run of a command: wall time, peak resident memory of its whole process tree, output.</summary>
internal sealed record RunResult(TimeSpan Wall, long PeakBytes, int ExitCode, string Output);

internal static partial class Measure
{
    /// <summary>Runs a command, sampling the summed RSS of the process and its descendants every 50 ms.</summary>
    public static RunResult Run(string directory, string file, IReadOnlyList<string> args, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        var output = new StringBuilder();
        var watch = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (output) { output.AppendLine(e.Data); } } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        long peak = 0;
        while (!process.WaitForExit(50))
        {
            peak = Math.Max(peak, TreeResidentBytes(process.Id));
        }

        process.WaitForExit();
        watch.Stop();
        return new RunResult(watch.Elapsed, peak, process.ExitCode, output.ToString());
    }

    /// <summary>Summed VmRSS of a process and every descendant (MSBuild nodes, the workspace build host).</summary>
    private static long TreeResidentBytes(int rootPid)
    {
        var children = new Dictionary<int, List<int>>();
        var rss = new Dictionary<int, long>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out int pid))
            {
                continue;
            }

            try
            {
                int parent = 0;
                long resident = 0;
                foreach (var line in File.ReadLines(Path.Combine(dir, "status")))
                {
                    if (line.StartsWith("PPid:", StringComparison.Ordinal))
                    {
                        parent = int.Parse(line.AsSpan(5).Trim(), CultureInfo.InvariantCulture);
                    }
                    else if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    {
                        resident = long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
                    }
                }

                rss[pid] = resident;
                if (!children.TryGetValue(parent, out var list))
                {
                    children[parent] = list = [];
                }

                list.Add(pid);
            }
            catch (IOException)
            {
                // The process ended while we read it.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        long total = 0;
        var pending = new Stack<int>([rootPid]);
        while (pending.Count > 0)
        {
            int pid = pending.Pop();
            total += rss.GetValueOrDefault(pid);
            foreach (var child in children.GetValueOrDefault(pid) ?? [])
            {
                pending.Push(child);
            }
        }

        return total;
    }

    /// <summary>Per-analyzer seconds of the SecureShop analyzers, summed over every compilation of a -p:ReportAnalyzer=true build.</summary>
    public static Dictionary<string, double> AnalyzerSeconds(string buildOutput)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (Match m in AnalyzerLine().Matches(buildOutput))
        {
            var name = m.Groups["name"].Value;
            var seconds = double.Parse(m.Groups["time"].Value, CultureInfo.InvariantCulture);
            result[name] = result.GetValueOrDefault(name) + seconds;
        }

        return result;
    }

    /// <summary>Total seconds of the Csc task (the compiler, analyzers included) from MSBuild's performance summary.</summary>
    public static double CompilerSeconds(string buildOutput)
    {
        var m = CscLine().Match(buildOutput);
        return m.Success ? double.Parse(m.Groups["ms"].Value, CultureInfo.InvariantCulture) / 1000.0 : double.NaN;
    }

    [GeneratedRegex(@"^\s*<?(?<time>\d+\.\d+)\s+<?\d+\s+(?<name>SecureShop\.Analyzers\.[\w.]+)", RegexOptions.Multiline)]
    private static partial Regex AnalyzerLine();

    [GeneratedRegex(@"^\s*(?<ms>\d+)\s+ms\s+Csc\s+\d+\s+calls", RegexOptions.Multiline)]
    private static partial Regex CscLine();
}
