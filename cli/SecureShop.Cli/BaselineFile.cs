using System.Text.Json;
using SecureShop.Cli.Reporting;

namespace SecureShop.Cli;

/// <summary>
/// A baseline: the fingerprints of today's findings. `scan --baseline` treats a finding that matches one in
/// the file as unchanged and reports only the others (<see cref="Fingerprints.Unmatched"/>). It stores
/// fingerprints, rule ids and paths, never messages or code.
/// Version 2 holds path-independent fingerprints (secureShopFingerprint/v2). A version 1 baseline is refused
/// with exit 2 rather than converted: its fingerprints hash the path in with the code, which is no longer at
/// hand, and guessing would either resurrect every finding or hide new ones.
/// </summary>
internal static class BaselineFile
{
    private const int FormatVersion = 2;

    public static void Write(string path, IEnumerable<Finding> findings)
    {
        var entries = findings
            .OrderBy(f => f.Fingerprint, StringComparer.Ordinal)
            .Select(f => new Entry(f.RuleId, f.Path, f.Fingerprint))
            .ToList();
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (directory is not null)
        {
            Directory.CreateDirectory(directory);
        }

        File.WriteAllText(path, JsonSerializer.Serialize(new Document(FormatVersion, "SecureShop", entries), new JsonSerializerOptions { WriteIndented = true }) + "\n");
    }

    public static List<(string Fingerprint, string? Path)> Read(string path)
    {
        try
        {
            var document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path));
            if (document is { Version: 1, Tool: "SecureShop" })
            {
                throw new UsageException($"the baseline {path} was recorded by an older secureshop (baseline version 1, whose fingerprints depend on file paths); this version's fingerprints survive renames and cannot be compared with those: record the baseline again with 'secureshop baseline -o {path}' and review what it accepts");
            }

            if (document?.Findings is null || document.Version != FormatVersion)
            {
                throw new UsageException($"the baseline {path} is not a SecureShop baseline (version {FormatVersion}): write it with 'secureshop baseline -o {path}'");
            }

            return document.Findings.Select(e => (e.Fingerprint, e.Path)).ToList();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"the baseline {path} cannot be read: {e.Message}");
        }
    }

    private sealed record Entry(string RuleId, string? Path, string Fingerprint);

    private sealed record Document(int Version, string Tool, List<Entry> Findings);
}
