using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace SecureShop.Bench;

/// <summary>
/// The real-code precision routine: a review file (bench/RealWorld/NAME.review.json) holds a verdict for every
/// finding SecureShop reported on one open-source shop at one commit. <see cref="Check"/> scans the corpus again
/// and prints what changed against the review: new findings to review, reviewed false positives still
/// reported, reviewed true positives lost, and the precision of what is reported now.
/// </summary>
internal static class RealWorld
{
    private static readonly JsonSerializerOptions s_json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static int Check(string cli, string corpus, string reviewPath, bool writeNew)
    {
        if (!File.Exists(reviewPath))
        {
            Console.Error.WriteLine($"review file not found: {reviewPath}");
            return 2;
        }

        var review = JsonSerializer.Deserialize<Review>(File.ReadAllText(reviewPath), s_json)
            ?? throw new InvalidDataException($"{reviewPath} is not a review file");
        if (!File.Exists(Path.Combine(corpus, review.Target)))
        {
            Console.Error.WriteLine($"{Path.Combine(corpus, review.Target)} not found: the corpus is {review.Repository} at {review.Commit}; set it up as the review's setup says:{Environment.NewLine}  {review.Setup}");
            return 2;
        }

        Console.Error.WriteLine($"scanning {corpus} ({review.Target}); the review is of {review.Repository} at {review.Commit}");
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = corpus, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { cli, "scan", review.Target, "--format", "json", "--allow-partial", "--fail-on", "never", "--quiet" })
        {
            start.ArgumentList.Add(argument);
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode is not (0 or 1))
        {
            Console.Error.WriteLine($"the scan failed (exit {process.ExitCode}):{Environment.NewLine}{errors.Result}");
            return 3;
        }

        var current = Parse(output);
        var result = Compare(review, current.Findings);
        foreach (var gap in current.Gaps)
        {
            Console.WriteLine($"not fully analysed: {gap}");
        }

        Print("new findings to review", result.Unreviewed.Select(f => $"{f.RuleId} {f.Path}:{f.StartLine}  {f.Message}"));
        Print("reviewed false positives still reported", result.FalsePositivesStill.Select(v => $"{v.Rule} {v.File}:{v.Line}  {v.Reason}"));
        Print("reviewed true positives lost", result.TruePositivesLost.Select(v => $"{v.Rule} {v.File}:{v.Line}  {v.Reason}"));
        Console.WriteLine();
        Console.WriteLine("| corpus | commit | findings | tp | debatable | fp | unreviewed | precision |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine(result.TableRow(review));

        if (writeNew && result.Unreviewed.Count > 0)
        {
            review.Findings.AddRange(result.Unreviewed.Select(f => new Judged(f.RuleId, f.Path ?? "", f.StartLine, "unreviewed", f.Message)));
            File.WriteAllText(reviewPath, JsonSerializer.Serialize(review, s_json) + "\n");
            Console.Error.WriteLine($"added {result.Unreviewed.Count} unreviewed finding(s) to {reviewPath}");
        }

        return result.Unreviewed.Count == 0 && result.TruePositivesLost.Count == 0 ? 0 : 1;
    }

    public static Comparison Compare(Review review, IReadOnlyList<ScannedFinding> findings)
    {
        static string Key(string rule, string file, int line) => string.Create(CultureInfo.InvariantCulture, $"{rule}|{file}|{line}");
        var reviewed = review.Findings.Where(v => v.Verdict != "unreviewed").GroupBy(v => Key(v.Rule, v.File, v.Line)).ToDictionary(g => g.Key, g => g.First());
        var reported = findings.Select(f => Key(f.RuleId, f.Path ?? "", f.StartLine)).ToHashSet(StringComparer.Ordinal);
        var unreviewed = findings.Where(f => !reviewed.ContainsKey(Key(f.RuleId, f.Path ?? "", f.StartLine))).ToList();
        var still = reviewed.Values.Where(v => reported.Contains(Key(v.Rule, v.File, v.Line))).ToList();
        return new Comparison(
            unreviewed,
            still.Where(v => v.Verdict == "fp").ToList(),
            reviewed.Values.Where(v => v.Verdict == "tp" && !reported.Contains(Key(v.Rule, v.File, v.Line))).ToList(),
            still,
            findings.Count);
    }

    private static (List<ScannedFinding> Findings, List<string> Gaps) Parse(string json)
    {
        using var document = JsonDocument.Parse(json);
        var findings = document.RootElement.GetProperty("findings").EnumerateArray()
            .Select(f => new ScannedFinding(
                f.GetProperty("ruleId").GetString()!,
                f.GetProperty("path").ValueKind == JsonValueKind.String ? f.GetProperty("path").GetString() : null,
                f.GetProperty("startLine").GetInt32(),
                f.GetProperty("message").GetString()!))
            .ToList();
        var gaps = document.RootElement.TryGetProperty("coverage", out var coverage)
            ? coverage.EnumerateArray().Where(c => c.GetProperty("state").GetString() != "analysed")
                .Select(c => $"{c.GetProperty("subject").GetString()}: {c.GetProperty("state").GetString()} ({c.GetProperty("detail").GetString()})").ToList()
            : [];
        return (findings, gaps);
    }

    private static void Print(string title, IEnumerable<string> lines)
    {
        var list = lines.ToList();
        Console.WriteLine($"{title}: {list.Count}");
        foreach (var line in list)
        {
            Console.WriteLine($"  {line}");
        }
    }

    internal sealed record ScannedFinding(string RuleId, string? Path, int StartLine, string Message);

    /// <summary>One reviewed finding: verdict tp, fp or debatable (counted as half), with a one-line reason.</summary>
    internal sealed record Judged(string Rule, string File, int Line, string Verdict, string Reason);

    internal sealed record Review(string Corpus, string Repository, string Commit, string Target, string Setup, List<Judged> Findings);

    internal sealed record Comparison(
        List<ScannedFinding> Unreviewed,
        List<Judged> FalsePositivesStill,
        List<Judged> TruePositivesLost,
        List<Judged> Reported,
        int Total)
    {
        public string TableRow(Review review)
        {
            int tp = Reported.Count(v => v.Verdict == "tp");
            int debatable = Reported.Count(v => v.Verdict == "debatable");
            int fp = Reported.Count(v => v.Verdict == "fp");
            int judged = tp + debatable + fp;
            string precision = judged == 0 ? "n/a" : ((tp + (debatable / 2.0)) / judged).ToString("P0", CultureInfo.InvariantCulture);
            return $"| {review.Corpus} | {review.Commit[..Math.Min(8, review.Commit.Length)]} | {Total} | {tp} | {debatable} | {fp} | {Unreviewed.Count} | {precision} |";
        }
    }
}
