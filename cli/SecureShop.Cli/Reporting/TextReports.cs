using System.Globalization;
using System.Text;
using System.Text.Json;

namespace SecureShop.Cli.Reporting;

/// <summary>What goes to standard output: compiler-style lines and a summary, markdown for a PR comment, or JSON.</summary>
internal static class TextReports
{
    /// <summary>
    /// `path(line,col): error SS1001: message`, which editors and CI log parsers link, then a summary.
    /// Notifications below error level (restore warnings of a project that loaded) only with <paramref name="verbose"/>.
    /// </summary>
    public static string Console(ScanReport report, bool verbose)
    {
        var sb = new StringBuilder();
        foreach (var f in report.Findings)
        {
            var where = f.HasLocation ? $"{f.Path}({f.StartLine},{f.StartColumn})" : report.Target;
            sb.AppendLine(CultureInfo.InvariantCulture, $"{where}: {f.Level.Name()} {f.RuleId}: {f.Message}{(f.Suppressed ? " [suppressed in source]" : "")}");
        }

        foreach (var n in report.Notifications.Where(n => verbose || (!n.VerboseOnly && (n.Level == Level.Error || n.Id == "reduced-precision"))))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"{report.Target}: {n.Level.Name()} {n.Id}: {n.Message}");
        }

        sb.AppendLine();
        sb.AppendLine(Summary(report));

        foreach (var group in report.Findings.GroupBy(f => f.RuleId).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var title = SecureShop.Analyzers.RuleCatalog.Find(group.Key)?.Title ?? "";
            sb.AppendLine(CultureInfo.InvariantCulture, $"  {group.Key} {group.Count(),4}  {title}");
        }

        var gaps = report.Gaps.ToList();
        if (gaps.Count > 0)
        {
            sb.AppendLine("Not fully analysed (findings there may be missing):");
            foreach (var gap in gaps)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"  {gap.Level.Name(),-7}  {gap.Describe()}");
            }
        }

        return sb.ToString();
    }

    public static string Summary(ScanReport report)
    {
        int errors = report.Findings.Count(f => f.Level == Level.Error);
        int warnings = report.Findings.Count(f => f.Level == Level.Warning);
        int notes = report.Findings.Count(f => f.Level == Level.Note);
        var scope = report.Mode == NewCodeMode.All ? "all code" : $"new code ({report.Mode.ToString().ToLowerInvariant()} changed since {report.BaseDescription})";
        return string.Create(CultureInfo.InvariantCulture,
            $"SecureShop: {report.Findings.Count} finding(s) in {scope}: {errors} error(s), {warnings} warning(s), {notes} note(s); {report.DocumentsAnalysed} file(s) analysed in {report.Elapsed.TotalSeconds:F1} s.");
    }

    public static string Markdown(ScanReport report)
    {
        var sb = new StringBuilder();
        sb.AppendLine("### SecureShop security scan");
        sb.AppendLine();
        sb.AppendLine(Summary(report));
        sb.AppendLine();
        if (report.Findings.Count > 0)
        {
            sb.AppendLine("| Level | Rule | Location | Message |");
            sb.AppendLine("|---|---|---|---|");
            foreach (var f in report.Findings)
            {
                var rule = SecureShop.Analyzers.RuleCatalog.Find(f.RuleId);
                var ruleCell = rule is null ? f.RuleId : $"[{f.RuleId}]({rule.HelpUri})";
                var where = f.HasLocation ? $"`{f.Path}:{f.StartLine}`" : "";
                sb.AppendLine(CultureInfo.InvariantCulture, $"| {f.Level.Name()} | {ruleCell} | {where} | {Cell(f.Message)} |");
            }

            sb.AppendLine();
        }

        var gaps = report.Gaps.ToList();
        if (gaps.Count > 0)
        {
            sb.AppendLine("**Not fully analysed** (findings there may be missing):");
            sb.AppendLine();
            foreach (var gap in gaps)
            {
                sb.AppendLine(CultureInfo.InvariantCulture, $"- **{gap.Level.Name()}** {Cell(gap.Describe())}");
            }

            sb.AppendLine();
        }

        foreach (var n in report.Notifications.Where(n => !n.VerboseOnly))
        {
            sb.AppendLine(CultureInfo.InvariantCulture, $"> **{n.Level.Name()}** {Cell(n.Message)}");
        }

        return sb.ToString();
    }

    public static string Json(ScanReport report) => JsonSerializer.Serialize(
        new
        {
            tool = "SecureShop",
            target = report.Target,
            newCode = report.Mode.ToString().ToLowerInvariant(),
            @base = report.BaseDescription,
            findings = report.Findings.Select(f => new
            {
                ruleId = f.RuleId,
                level = f.Level.Name(),
                message = f.Message,
                path = f.Path,
                startLine = f.StartLine,
                startColumn = f.StartColumn,
                endLine = f.EndLine,
                endColumn = f.EndColumn,
                fingerprint = f.Fingerprint,
                suppressed = f.Suppressed,
                baselineState = f.BaselineState,
            }),
            notifications = report.Notifications.Select(n => new { level = n.Level.Name(), id = n.Id, message = n.Message }),
            complete = !report.Coverage.Any(c => c.IsPartial),
            coverage = report.Coverage.Select(c => new { subject = c.Subject, state = c.Id, detail = c.Detail, incomplete = c.IsIncomplete }),
            documentsAnalysed = report.DocumentsAnalysed,
        },
        new JsonSerializerOptions { WriteIndented = true });

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");
}
