namespace SecureShop.Cli.Reporting;

/// <summary>Everything a report shows about one scan.</summary>
internal sealed record ScanReport(
    string SourceRoot,
    string Target,
    NewCodeMode Mode,
    string? BaseDescription,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Notification> Notifications,
    IReadOnlyList<Coverage> Coverage,
    int DocumentsAnalysed,
    TimeSpan Elapsed,
    DateTime StartedUtc,
    DateTime EndedUtc,
    string? RepositoryUrl,
    string? Commit,
    string? Branch,
    string? Category,
    bool UsesBaseline,
    IReadOnlyList<string> CommandLine)
{
    /// <summary>SARIF executionSuccessful: no analyzer failed and every project was fully analysed.</summary>
    public bool Successful => !Notifications.Any(n => n.Level == Level.Error && n.Id == "analyzer-exception") && !Coverage.Any(c => c.IsPartial);

    /// <summary>Exit code 3 unless --allow-partial: a project not loaded, unresolved references, a changed file nobody analysed, an analyzer that failed.</summary>
    public bool Incomplete => Coverage.Any(c => c.IsIncomplete) || Notifications.Any(n => n.Level == Level.Error && n.Id == "analyzer-exception");

    /// <summary>What was not fully analysed, worst first.</summary>
    public IEnumerable<Coverage> Gaps => Coverage.Where(c => c.IsPartial).OrderByDescending(c => c.Level).ThenBy(c => c.Subject, StringComparer.Ordinal);
}
