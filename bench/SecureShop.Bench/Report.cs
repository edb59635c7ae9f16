using System.Globalization;
using System.Text;

namespace SecureShop.Bench;

/// <summary>The one table the benchmark prints: figures per size, ratios, and growth from 1,000 to 4,000 files.</summary>
internal static class Report
{
    public static string Table(IReadOnlyList<SizeResult> results)
    {
        var sb = new StringBuilder();
        sb.AppendLine("| files | build (s) | build + SecureShop (s) | SecureShop analyzers (s, % of compile) | top 3 analyzers (% of compile) | full scan (s) | scan / build | peak scan memory (MiB) | PR scan, 10 files (s) | PR / full scan |");
        sb.AppendLine("|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|");
        foreach (var r in results)
        {
            double ours = r.AnalyzerSeconds.Where(a => a.Key.Count(c => c == '.') > 1).Sum(a => a.Value);
            double compile = r.CompilerSecondsWith;
            var top = r.AnalyzerSeconds.Where(a => a.Key.Count(c => c == '.') > 1).OrderByDescending(a => a.Value).Take(3)
                .Select(a => $"{ShortName(a.Key)} {Percent(a.Value, compile)}");
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {r.Files} | {r.BuildWithout.MedianSeconds:F1} | {r.BuildWith.MedianSeconds:F1} | {ours:F2} ({Percent(ours, compile)}) | {string.Join(", ", top)} | {F(r.ScanAll?.MedianSeconds)} | {Ratio(r.ScanAll?.MedianSeconds, r.BuildWithout.MedianSeconds)} | {F(r.ScanAll?.PeakMiB, "F0")} | {F(r.ScanBase?.MedianSeconds)} | {Ratio(r.ScanBase?.MedianSeconds, r.ScanAll?.MedianSeconds)} |"));
        }

        var small = results.FirstOrDefault(r => r.Files == 1000);
        var large = results.FirstOrDefault(r => r.Files == 4000);
        if (small is not null && large is not null)
        {
            sb.AppendLine();
            sb.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Growth 4,000 / 1,000 files: build {Ratio(large.BuildWithout.MedianSeconds, small.BuildWithout.MedianSeconds)}, build + SecureShop {Ratio(large.BuildWith.MedianSeconds, small.BuildWith.MedianSeconds)}, full scan {Ratio(large.ScanAll?.MedianSeconds, small.ScanAll?.MedianSeconds)}, PR scan {Ratio(large.ScanBase?.MedianSeconds, small.ScanBase?.MedianSeconds)}, scan memory {Ratio(large.ScanAll?.PeakMiB, small.ScanAll?.PeakMiB)} (linear = x4.00)."));
        }

        return sb.ToString();
    }

    private static string ShortName(string analyzer) => analyzer[(analyzer.LastIndexOf('.') + 1)..].Replace("Analyzer", "", StringComparison.Ordinal);

    private static string Percent(double part, double whole) =>
        double.IsNaN(whole) || whole <= 0 ? "n/a" : (100 * part / whole).ToString("F2", CultureInfo.InvariantCulture) + "%";

    private static string Ratio(double? a, double? b) =>
        a is null || b is null || double.IsNaN(a.Value) || double.IsNaN(b.Value) || b.Value == 0 ? "n/a" : "x" + (a.Value / b.Value).ToString("F2", CultureInfo.InvariantCulture);

    private static string F(double? value, string format = "F1") =>
        value is null || double.IsNaN(value.Value) ? "n/a" : value.Value.ToString(format, CultureInfo.InvariantCulture);
}
