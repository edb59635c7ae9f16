using Microsoft.CodeAnalysis;

namespace SecureShop.Cli.Loading;

/// <summary>What the loader hands to analysis: the C# projects that loaded, and what went wrong with the others.</summary>
internal sealed record LoadedCode(
    IReadOnlyList<Project> Projects,
    IReadOnlyList<Notification> Notifications,
    string Description,
    bool IsAdHoc);
