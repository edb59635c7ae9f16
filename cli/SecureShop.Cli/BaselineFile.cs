using System.Text.Json;

namespace SecureShop.Cli;

/// <summary>
/// A baseline: the fingerprints of today's findings. `scan --baseline` treats a finding whose fingerprint
/// is in the file as unchanged and reports only the others. It stores fingerprints, rule ids and paths,
/// never messages or code.
/// </summary>
internal static class BaselineFile
{
    private const int FormatVersion = 1;

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

    public static HashSet<string> Read(string path)
    {
        try
        {
            var document = JsonSerializer.Deserialize<Document>(File.ReadAllText(path));
            if (document?.Findings is null || document.Version != FormatVersion)
            {
                throw new UsageException($"the baseline {path} is not a SecureShop baseline (version {FormatVersion}): write it with 'secureshop baseline -o {path}'");
            }

            return document.Findings.Select(e => e.Fingerprint).ToHashSet(StringComparer.Ordinal);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException)
        {
            throw new UsageException($"the baseline {path} cannot be read: {e.Message}");
        }
    }

    private sealed record Entry(string RuleId, string? Path, string Fingerprint);

    private sealed record Document(int Version, string Tool, List<Entry> Findings);
}
