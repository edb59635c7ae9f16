namespace SecureShop.Cli.Diff;

/// <summary>How a file differs from the base.</summary>
internal sealed record FileChange(string Path, string? OldPath, bool WholeFileIsNew, IReadOnlySet<int> AddedLines)
{
    /// <summary>A file renamed without any change adds nothing.</summary>
    public bool HasChanges => WholeFileIsNew || AddedLines.Count > 0;
}

/// <summary>
/// Everything between the merge-base and the working tree: commits since the merge-base, staged and
/// unstaged edits, untracked (not ignored) files. Paths are relative to the repository root.
/// </summary>
internal sealed class ChangeSet(string baseCommit, string baseDescription, IReadOnlyDictionary<string, FileChange> files)
{
    public string BaseCommit { get; } = baseCommit;

    public string BaseDescription { get; } = baseDescription;

    public IReadOnlyDictionary<string, FileChange> Files { get; } = files;

    public bool IsChangedFile(string path) => Files.TryGetValue(path, out var change) && change.HasChanges;

    /// <summary>Any line of [start, end] added or modified in <paramref name="path"/>.</summary>
    public bool TouchesLines(string path, int startLine, int endLine)
    {
        if (!Files.TryGetValue(path, out var change))
        {
            return false;
        }

        if (change.WholeFileIsNew)
        {
            return true;
        }

        for (int line = startLine; line <= endLine; line++)
        {
            if (change.AddedLines.Contains(line))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Maps a path of the base tree to the path the file has now (renames), for comparing fingerprints.</summary>
    public string CurrentPathOf(string basePath)
    {
        foreach (var change in Files.Values)
        {
            if (change.OldPath is not null && string.Equals(change.OldPath, basePath, StringComparison.Ordinal))
            {
                return change.Path;
            }
        }

        return basePath;
    }
}
