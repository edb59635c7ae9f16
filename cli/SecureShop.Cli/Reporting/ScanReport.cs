namespace SecureShop.Cli.Reporting;

/// <summary>Everything a report shows about one scan.</summary>
internal sealed record ScanReport(
    string SourceRoot,
    string Target,
    NewCodeMode Mode,
    string? BaseDescription,
    IReadOnlyList<Finding> Findings,
    IReadOnlyList<Notification> Notifications,
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
    public bool Successful => !Notifications.Any(n => n.Level == Level.Error && n.Id == "analyzer-exception");
}
