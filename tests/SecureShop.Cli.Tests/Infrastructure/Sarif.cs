using System.Text.Json;
using System.Text.Json.Nodes;

namespace SecureShop.Cli.Tests.Infrastructure;

/// <summary>Reads SARIF results, and runs the official validator (SARIF Multitool, installed by sarif-validator/install.sh).</summary>
internal static class Sarif
{
    private static readonly Lazy<string> s_validator = new(InstallValidator);

    public static JsonNode Load(string path) => JsonNode.Parse(File.ReadAllText(path))!;

    public static IEnumerable<JsonNode> Results(JsonNode log) => log["runs"]![0]!["results"]!.AsArray().Select(r => r!);

    public static string Fingerprint(JsonNode result) => result["partialFingerprints"]!["secureShopFingerprint/v2"]!.GetValue<string>();

    /// <summary>Validates with `--rule-kind "Sarif;Gh"`; returns the error-level results (its exit code is always 0).</summary>
    public static List<string> ValidationErrors(string sarifPath)
    {
        var output = Path.Combine(Path.GetTempPath(), $"validation-{Guid.NewGuid():N}.sarif");
        try
        {
            var log = ProcessRunner.Run(Path.GetTempPath(), s_validator.Value, ["validate", sarifPath, "--rule-kind", "Sarif;Gh", "-o", output]);
            if (!File.Exists(output))
            {
                throw new InvalidOperationException($"the validator wrote no result:\n{log}");
            }

            return Results(Load(output))
                .Where(r => (r["level"]?.GetValue<string>() ?? "warning") == "error")
                .Select(r => $"{r["ruleId"]}: {r["message"]?.ToJsonString()}")
                .ToList();
        }
        finally
        {
            File.Delete(output);
        }
    }

    private static string InstallValidator()
    {
        // One install script for `.ci/run` (which runs it before the tests) and for a developer's `dotnet test`:
        // npm ci with per-attempt time limits and retries.
        var folder = Path.Combine(Secureshop.RepositoryRoot, "tests", "SecureShop.Cli.Tests", "sarif-validator");
        var binary = Path.Combine(folder, "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
        if (!File.Exists(binary))
        {
            var install = ProcessRunner.Run(folder, "bash", [Path.Combine(folder, "install.sh")], timeout: TimeSpan.FromMinutes(35));
            if (install.ExitCode != 0 || !File.Exists(binary))
            {
                throw new InvalidOperationException($"installing the SARIF validator failed:\n{install}");
            }
        }

        // The package is the Linux build; make sure it can run even when npm skipped its install script.
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(binary, File.GetUnixFileMode(binary) | UnixFileMode.UserExecute);
        }

        return binary;
    }
}
