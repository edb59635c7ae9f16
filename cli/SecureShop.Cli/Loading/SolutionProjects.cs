using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace SecureShop.Cli.Loading;

/// <summary>
/// The C# project files a solution lists (<c>.sln</c>: its <c>Project(...) = "Name", "path.csproj", ...</c> lines;
/// <c>.slnx</c>: its <c>Project Path="..."</c> elements), as full paths, read without MSBuild, so a pull-request
/// scan can decide which projects to load before loading any. Null when the file cannot be read as a solution:
/// the caller then loads the whole solution the usual way.
/// </summary>
internal static partial class SolutionProjects
{
    public static IReadOnlyList<string>? Read(string solution)
    {
        try
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(solution))!;
            IEnumerable<string> paths = Path.GetExtension(solution).Equals(".slnx", StringComparison.OrdinalIgnoreCase)
                ? XDocument.Load(solution).Descendants().Where(e => e.Name.LocalName == "Project").Select(e => (string?)e.Attribute("Path")).OfType<string>()
                : SlnProject().Matches(File.ReadAllText(solution)).Select(m => m.Groups[1].Value);
            return paths
                .Where(p => p.EndsWith(".csproj", StringComparison.OrdinalIgnoreCase))
                .Select(p => Path.GetFullPath(Path.Combine(folder, p.Replace('\\', Path.DirectorySeparatorChar))))
                .Distinct(StringComparer.Ordinal)
                .ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Xml.XmlException)
        {
            return null;
        }
    }

    [GeneratedRegex("""^Project\("\{[^}]*\}"\)\s*=\s*"[^"]*"\s*,\s*"([^"]+)"\s*,""", RegexOptions.Multiline)]
    private static partial Regex SlnProject();
}
