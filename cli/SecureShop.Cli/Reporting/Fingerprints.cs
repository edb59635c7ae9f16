using System.Security.Cryptography;
using System.Text;

namespace SecureShop.Cli.Reporting;

/// <summary>
/// The SecureShop fingerprint: rule, file, enclosing member and the flagged code with white space folded.
/// It survives lines inserted above a finding and edits elsewhere in the file. It is a hash, so the flagged
/// code (which may be a card number or a key) never appears in a report.
/// </summary>
internal static class Fingerprints
{
    public const string Key = "secureShopFingerprint/v1";

    public static string SecureShop(string ruleId, string path, string member, string flaggedCode)
    {
        var normalized = string.Join(' ', flaggedCode.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var bytes = SHA256.HashData(Encoding.UTF8.GetBytes($"{ruleId}\n{path}\n{member}\n{normalized}"));
        return Convert.ToHexStringLower(bytes.AsSpan(0, 16));
    }

    /// <summary>The same code flagged twice in one member: the second gets ":2", in file order.</summary>
    public static List<Finding> Disambiguate(List<Finding> findings)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<Finding>(findings.Count);
        foreach (var f in findings.OrderBy(f => f.Path, StringComparer.Ordinal).ThenBy(f => f.StartLine).ThenBy(f => f.StartColumn).ThenBy(f => f.RuleId, StringComparer.Ordinal))
        {
            int n = counts[f.Fingerprint] = counts.GetValueOrDefault(f.Fingerprint) + 1;
            result.Add(n == 1 ? f : f with { Fingerprint = $"{f.Fingerprint}:{n}" });
        }

        return result;
    }
}
