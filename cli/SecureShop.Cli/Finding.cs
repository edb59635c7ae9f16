namespace SecureShop.Cli;

/// <summary>How serious a finding is, as SARIF and --fail-on name it.</summary>
internal enum Level
{
    None = 0,
    Note = 1,
    Warning = 2,
    Error = 3,
}

/// <summary>
/// One finding, the plain data passed from analysis to selection, reporting and the gate.
/// <see cref="Path"/> is relative to the source root with forward slashes; lines and columns are 1-based.
/// </summary>
internal sealed record Finding(
    string RuleId,
    Level Level,
    string Message,
    string? Path,
    int StartLine,
    int StartColumn,
    int EndLine,
    int EndColumn,
    string Fingerprint,
    string? LineHash,
    bool Suppressed)
{
    public bool HasLocation => Path is not null;

    /// <summary>SARIF baselineState when a base or baseline is in use: "new" or "unchanged".</summary>
    public string? BaselineState { get; init; }

    /// <summary>Other places of the finding (the calls a value went through, the log call in a helper): SARIF relatedLocations.</summary>
    public IReadOnlyList<RelatedLocation> Related { get; init; } = [];
}

/// <summary>A place related to a finding, with what happens there. <see cref="Path"/> as in <see cref="Finding"/>.</summary>
internal sealed record RelatedLocation(string Path, int StartLine, int StartColumn, int EndLine, int EndColumn, string Message);

/// <summary>Something the user must know that is not a finding: a project that did not load, an analyzer that failed.</summary>
internal sealed record Notification(Level Level, string Id, string Message)
{
    /// <summary>
    /// Detail for --verbose only (restore warnings of projects that loaded, grouped by NuGet code): not in the
    /// default console, nor in markdown; SARIF keeps it as a note.
    /// </summary>
    public bool VerboseOnly { get; init; }
}

/// <summary>Bad usage or configuration: exit code 2.</summary>
internal sealed class UsageException(string message) : Exception(message);

/// <summary>The analysis could not run at all: exit code 3.</summary>
internal sealed class AnalysisUnavailableException(string message) : Exception(message);

internal static class Levels
{
    public static string Name(this Level level) => level switch
    {
        Level.Error => "error",
        Level.Warning => "warning",
        Level.Note => "note",
        _ => "none",
    };

    public static Level Parse(string text, string option) => text.ToLowerInvariant() switch
    {
        "error" => Level.Error,
        "warning" => Level.Warning,
        "note" => Level.Note,
        "never" or "none" => Level.None,
        _ => throw new UsageException($"{option} takes error, warning, note or never, not '{text}'"),
    };
}
