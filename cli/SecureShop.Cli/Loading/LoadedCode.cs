using Microsoft.CodeAnalysis;

namespace SecureShop.Cli.Loading;

/// <summary>
/// What the loader hands to analysis: the C# projects that loaded, the projects that did not (as
/// <see cref="Coverage"/>), what their restore said (per project file), and notices for the report.
/// </summary>
internal sealed record LoadedCode(
    IReadOnlyList<Project> Projects,
    IReadOnlyList<Notification> Notifications,
    string Description,
    bool IsAdHoc)
{
    /// <summary>Projects of the solution (or asked for) that could not be loaded.</summary>
    public IReadOnlyList<Coverage> NotLoaded { get; init; } = [];

    /// <summary>
    /// What restore could not resolve, by project file path (from the project's assets file), said in a few
    /// words: "2 missing packages: Acme.Pay, Acme.Tax", "restore failed: NU1301".
    /// </summary>
    public IReadOnlyDictionary<string, string> RestoreFailures { get; init; } = new Dictionary<string, string>();
}
