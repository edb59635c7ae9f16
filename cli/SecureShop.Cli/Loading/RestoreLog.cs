using System.Text.Json;
using Microsoft.CodeAnalysis;

namespace SecureShop.Cli.Loading;

/// <summary>
/// One message NuGet restore wrote into a project's assets file (<c>obj/project.assets.json</c>, "logs"),
/// with its real code (NU1101, NU1603, ...). The assets file is the one place that says, per project,
/// which packages did not resolve, whatever the workspace made of the restore output.
/// </summary>
internal sealed record RestoreLog(string Code, bool IsError, string? Package, string Message)
{
    /// <summary>The logs of <paramref name="project"/>'s assets file; none when it has no assets file (not a PackageReference project).</summary>
    public static IReadOnlyList<RestoreLog> Read(Project project)
    {
        var assets = AssetsFile(project);
        if (assets is null)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(assets));
            if (!document.RootElement.TryGetProperty("logs", out var logs) || logs.ValueKind != JsonValueKind.Array)
            {
                return [];
            }

            var result = new List<RestoreLog>();
            foreach (var log in logs.EnumerateArray())
            {
                var code = Text(log, "code") ?? "NU????";
                var level = Text(log, "level") ?? "";
                result.Add(new RestoreLog(code, IsUnresolved(code, level), Text(log, "libraryId"), Text(log, "message") ?? ""));
            }

            return result;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            return [new RestoreLog("assets", IsError: true, null, $"the assets file {assets} cannot be read: {e.Message}")];
        }
    }

    /// <summary>
    /// An error that leaves references out: a package or project that could not be found, read or used
    /// (NU11xx, NU12xx, NU13xx). A warning promoted to an error by TreatWarningsAsErrors (NU1603 resolving a
    /// higher version, say) still resolved its package, so it is not one.
    /// </summary>
    private static bool IsUnresolved(string code, string level) =>
        level.Equals("Error", StringComparison.OrdinalIgnoreCase)
        && (code.StartsWith("NU11", StringComparison.Ordinal) || code.StartsWith("NU12", StringComparison.Ordinal) || code.StartsWith("NU13", StringComparison.Ordinal));

    /// <summary>
    /// Where restore wrote the assets file: the intermediate folder's root (obj/ by default, or wherever
    /// BaseIntermediateOutputPath / the artifacts layout puts it), found from the intermediate assembly.
    /// </summary>
    private static string? AssetsFile(Project project)
    {
        var candidates = new List<string>();
        if (project.CompilationOutputInfo.AssemblyPath is { } intermediate)
        {
            var dir = Path.GetDirectoryName(intermediate);
            for (int up = 0; up < 4 && dir is not null; up++, dir = Path.GetDirectoryName(dir))
            {
                candidates.Add(Path.Combine(dir, "project.assets.json"));
            }
        }

        if (project.FilePath is not null)
        {
            candidates.Add(Path.Combine(Path.GetDirectoryName(project.FilePath)!, "obj", "project.assets.json"));
        }

        return candidates.FirstOrDefault(File.Exists);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
