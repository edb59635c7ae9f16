using System.Security.Cryptography;
using System.Text;

namespace SecureShop.Cli.Reporting;

/// <summary>
/// The SecureShop fingerprint: rule, enclosing member and the flagged code with white space folded. It survives
/// lines inserted above a finding, edits elsewhere in the file, and a renamed or moved file (so a baseline keeps
/// working after a `git mv`). The path is only a tie-breaker, added when the same fingerprint occurs more than
/// once in a scan. It is a hash, so the flagged code (which may be a card number or a key) never appears in a report.
/// </summary>
internal static class Fingerprints
{
    /// <summary>v1 hashed the path in; v2 does not. The SARIF key carries the version, so dashboards never compare the two.</summary>
    public const string Key = "secureShopFingerprint/v2";

    public static string SecureShop(string ruleId, string member, string flaggedCode)
    {
        var normalized = string.Join(' ', flaggedCode.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return Hash($"{ruleId}\n{member}\n{normalized}", 16);
    }

    /// <summary>
    /// Makes each fingerprint unique in the scan. A fingerprint found in several files gets a hash of the path
    /// (<c>fp:pathhash</c>); found twice in one file, the second gets ":2", in file order.
    /// </summary>
    public static List<Finding> Disambiguate(List<Finding> findings)
    {
        var ordered = findings
            .OrderBy(f => f.Path, StringComparer.Ordinal)
            .ThenBy(f => f.StartLine)
            .ThenBy(f => f.StartColumn)
            .ThenBy(f => f.RuleId, StringComparer.Ordinal)
            .ToList();
        var spansFiles = ordered
            .GroupBy(f => f.Fingerprint, StringComparer.Ordinal)
            .Where(g => g.Select(f => f.Path).Distinct(StringComparer.Ordinal).Skip(1).Any())
            .Select(g => g.Key)
            .ToHashSet(StringComparer.Ordinal);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var result = new List<Finding>(ordered.Count);
        foreach (var f in ordered)
        {
            var fingerprint = spansFiles.Contains(f.Fingerprint) ? $"{f.Fingerprint}:{Hash(f.Path ?? "", 4)}" : f.Fingerprint;
            int n = counts[fingerprint] = counts.GetValueOrDefault(fingerprint) + 1;
            result.Add(f with { Fingerprint = n == 1 ? fingerprint : $"{fingerprint}:{n}" });
        }

        return result;
    }

    /// <summary>
    /// The findings of <paramref name="current"/> with no counterpart among <paramref name="known"/> (a baseline,
    /// or the findings of the base commit). Each known finding answers for at most one current finding, matched
    /// first by the whole fingerprint, then by fingerprint and path, then by fingerprint alone (a renamed file,
    /// or a tie-breaker that changed because a copy appeared or went away). So a copy of known code in a
    /// second file is new, and the original is not.
    /// </summary>
    public static List<Finding> Unmatched(IReadOnlyList<Finding> current, IEnumerable<(string Fingerprint, string? Path)> known)
    {
        var knownByBase = known
            .GroupBy(k => Base(k.Fingerprint), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var isNew = Enumerable.Repeat(true, current.Count).ToArray();
        Func<Finding, (string Fingerprint, string? Path), bool>[] tiers =
        [
            (f, k) => f.Fingerprint == k.Fingerprint,
            (f, k) => f.Path == k.Path,
            (_, _) => true,
        ];
        foreach (var same in tiers)
        {
            for (int i = 0; i < current.Count; i++)
            {
                var finding = current[i];
                if (isNew[i] && knownByBase.TryGetValue(Base(finding.Fingerprint), out var candidates))
                {
                    int match = candidates.FindIndex(k => same(finding, k));
                    if (match >= 0)
                    {
                        candidates.RemoveAt(match);
                        isNew[i] = false;
                    }
                }
            }
        }

        return current.Where((_, i) => isNew[i]).ToList();
    }

    /// <summary>The fingerprint without its tie-breakers.</summary>
    private static string Base(string fingerprint)
    {
        int colon = fingerprint.IndexOf(':', StringComparison.Ordinal);
        return colon < 0 ? fingerprint : fingerprint[..colon];
    }

    private static string Hash(string text, int bytes) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, bytes));
}
