using System.Text.Json;

namespace SecureShop.Cli.Loading;

/// <summary>
/// A solution filter (<c>.slnf</c>): a JSON file naming a solution and the subset of its projects to open,
/// as Visual Studio and `dotnet build X.slnf` use it. Paths in it are relative to the solution's folder.
/// </summary>
internal static class SolutionFilter
{
    public static IReadOnlyList<string> Projects(string filterFile)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllText(filterFile), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            if (!document.RootElement.TryGetProperty("solution", out var solution)
                || !solution.TryGetProperty("path", out var pathElement) || pathElement.GetString() is not { Length: > 0 } solutionPath
                || !solution.TryGetProperty("projects", out var projects) || projects.ValueKind != JsonValueKind.Array)
            {
                throw new UsageException($"'{filterFile}' is not a solution filter: expected {{ \"solution\": {{ \"path\": ..., \"projects\": [...] }} }}");
            }

            var solutionFile = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(filterFile)!, Normalize(solutionPath)));
            if (!File.Exists(solutionFile))
            {
                throw new UsageException($"the solution filter '{filterFile}' names the solution '{solutionPath}', which does not exist");
            }

            var folder = Path.GetDirectoryName(solutionFile)!;
            var result = projects.EnumerateArray()
                .Select(p => p.GetString())
                .OfType<string>()
                .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                .Select(p => Path.GetFullPath(Path.Combine(folder, Normalize(p))))
                .Distinct(StringComparer.Ordinal)
                .ToList();
            if (result.Count == 0)
            {
                throw new UsageException($"the solution filter '{filterFile}' names no C# project");
            }

            var absent = result.Where(p => !File.Exists(p)).ToList();
            if (absent.Count > 0)
            {
                throw new UsageException($"the solution filter '{filterFile}' names projects that do not exist: {string.Join(", ", absent.Select(a => Path.GetRelativePath(folder, a)))}");
            }

            return result;
        }
        catch (Exception e) when (e is JsonException or IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            throw new UsageException($"the solution filter '{filterFile}' cannot be read: {e.Message}");
        }
    }

    /// <summary>Solution files use backslashes on every platform.</summary>
    private static string Normalize(string path) => path.Replace('\\', Path.DirectorySeparatorChar);
}
