using System.Globalization;
using Microsoft.CodeAnalysis;

namespace SecureShop.Cli.Analysis;

/// <summary>
/// `--shard K/N`: the K-th of N deterministic parts of a solution, for CI jobs that run in parallel and merge
/// their SARIF (`secureshop merge`). A part is a set of projects: the projects of one project file (its target
/// frameworks) stay together, and the parts are balanced by size (documents), largest first, each to the part
/// with the fewest documents so far; ties go by path, so every job computes the same split from the same
/// solution, whatever machine it runs on.
/// </summary>
internal sealed record Shard(int Index, int Count)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Index}/{Count}");

    /// <summary>"2/3" -> shard 2 of 3; anything else is a usage error naming the expected form.</summary>
    public static Shard Parse(string text)
    {
        var parts = text.Split('/');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var index)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var count)
            && count >= 1 && index >= 1 && index <= count)
        {
            return new Shard(index, count);
        }

        throw new UsageException($"--shard takes K/N with 1 <= K <= N (for example 2/3), not '{text}'");
    }

    /// <summary>The projects this shard analyses, in the order given.</summary>
    public IReadOnlyList<Project> Select(IReadOnlyList<Project> projects)
    {
        var groups = projects
            .GroupBy(p => Key(p), StringComparer.Ordinal)
            .Select(g => (Key: g.Key, Size: g.Max(p => p.DocumentIds.Count)))
            .OrderByDescending(g => g.Size)
            .ThenBy(g => g.Key, StringComparer.Ordinal)
            .ToList();
        var load = new long[Count];
        var mine = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, size) in groups)
        {
            int target = 0;
            for (int i = 1; i < Count; i++)
            {
                if (load[i] < load[target])
                {
                    target = i;
                }
            }

            load[target] += Math.Max(1, size);
            if (target == Index - 1)
            {
                mine.Add(key);
            }
        }

        return projects.Where(p => mine.Contains(Key(p))).ToList();
    }

    /// <summary>The project file (on two machines the paths differ at most in the checkout folder, which every path shares, so the order is the same).</summary>
    private static string Key(Project project) => project.FilePath ?? project.Name;
}
