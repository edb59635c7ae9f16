using System.Collections.Concurrent;
using System.Text.Json;

namespace SecureShop.Analyzers.Tests.Infrastructure;

/// <summary>One finding as the compiler's SARIF error log gives it.</summary>
internal sealed record BuildFinding(string RuleId, string Level, string Path, int Line, string Message, bool Suppressed)
{
    public string Key => $"{Path}:{Line} {RuleId}";
}

/// <summary>
/// Builds a sample shop with <c>dotnet build</c> (the analyzers as a real compiler loads them) and reads the
/// findings from the SARIF error log. Each sample is built once per test run and shared by its tests.
/// </summary>
internal static class SampleBuild
{
    private static readonly ConcurrentDictionary<string, Lazy<(DotNetCli.Result Build, IReadOnlyList<BuildFinding> Findings)>> s_builds = new();

    public static (DotNetCli.Result Build, IReadOnlyList<BuildFinding> Findings) Of(string sample) =>
        s_builds.GetOrAdd(sample, s => new Lazy<(DotNetCli.Result, IReadOnlyList<BuildFinding>)>(() => BuildAndRead(s))).Value;

    private static (DotNetCli.Result, IReadOnlyList<BuildFinding>) BuildAndRead(string sample)
    {
        var folder = Repository.PathOf("samples", sample);
        var log = Path.Combine(Path.GetTempPath(), $"secureshop-{sample}-{Guid.NewGuid():N}.sarif");
        try
        {
            // The analyzer project was built with this test project; the sample only recompiles itself.
            var build = DotNetCli.Run(
                folder,
                "build",
                $"{sample}.csproj",
                "--no-incremental",
                "-p:BuildProjectReferences=false",
                "-p:UseSharedCompilation=false",
                "-nodeReuse:false",
                $"-p:ErrorLog={log}%2Cversion%3D2.1");
            if (!File.Exists(log))
            {
                throw new InvalidOperationException($"The build of samples/{sample} wrote no SARIF log:\n{build}");
            }

            return (build, Read(log, folder));
        }
        finally
        {
            File.Delete(log);
        }
    }

    public static IReadOnlyList<BuildFinding> Read(string sarifPath, string baseFolder)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(sarifPath));
        var findings = new List<BuildFinding>();
        foreach (var run in document.RootElement.GetProperty("runs").EnumerateArray())
        {
            if (!run.TryGetProperty("results", out var results))
            {
                continue;
            }

            foreach (var result in results.EnumerateArray())
            {
                string path = "";
                int line = 0;
                if (result.TryGetProperty("locations", out var locations) && locations.GetArrayLength() > 0)
                {
                    var physical = locations[0].GetProperty("physicalLocation");
                    var uri = new Uri(physical.GetProperty("artifactLocation").GetProperty("uri").GetString()!);
                    path = Path.GetRelativePath(baseFolder, uri.LocalPath).Replace('\\', '/');
                    line = physical.GetProperty("region").GetProperty("startLine").GetInt32();
                }

                findings.Add(new BuildFinding(
                    result.GetProperty("ruleId").GetString()!,
                    result.TryGetProperty("level", out var level) ? level.GetString()! : "warning",
                    path,
                    line,
                    result.GetProperty("message").GetProperty("text").GetString()!,
                    result.TryGetProperty("suppressions", out var s) && s.GetArrayLength() > 0));
            }
        }

        return findings;
    }
}
