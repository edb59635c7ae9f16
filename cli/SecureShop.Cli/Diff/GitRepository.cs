using LibGit2Sharp;

namespace SecureShop.Cli.Diff;

/// <summary>
/// The git side of "new code", with LibGit2Sharp: resolving the base (an explicit --base or the CI
/// system's target branch), the merge-base with HEAD, the change to the working tree, and a snapshot
/// of the base tree for the `findings` mode. Every failure to resolve is an error, never a silent full scan.
/// </summary>
internal sealed class GitRepository : IDisposable
{
    private readonly Repository _repository;

    private GitRepository(Repository repository)
    {
        _repository = repository;
    }

    public string Root => Path.GetFullPath(_repository.Info.WorkingDirectory);

    /// <summary>The repository containing <paramref name="path"/>, or null outside one.</summary>
    public static GitRepository? Discover(string path)
    {
        var start = File.Exists(path) ? Path.GetDirectoryName(Path.GetFullPath(path))! : Path.GetFullPath(path);
        var found = Repository.Discover(start);
        return found is null ? null : new GitRepository(new Repository(found));
    }

    /// <summary>The base ref the CI system names for a pull request, when --base is absent.</summary>
    public static string? BaseFromEnvironment(Func<string, string?> env)
    {
        var github = env("GITHUB_BASE_REF");
        if (!string.IsNullOrWhiteSpace(github))
        {
            return github;
        }

        var azure = env("SYSTEM_PULLREQUEST_TARGETBRANCH");
        if (!string.IsNullOrWhiteSpace(azure))
        {
            return azure.StartsWith("refs/heads/", StringComparison.Ordinal) ? azure["refs/heads/".Length..] : azure;
        }

        var gitlab = env("CI_MERGE_REQUEST_DIFF_BASE_SHA");
        if (!string.IsNullOrWhiteSpace(gitlab))
        {
            return gitlab;
        }

        var bitbucket = env("BITBUCKET_PR_DESTINATION_BRANCH");
        return string.IsNullOrWhiteSpace(bitbucket) ? null : bitbucket;
    }

    /// <summary>The merge-base of <paramref name="baseRef"/> and HEAD; a clear error when it cannot be found.</summary>
    public Commit MergeBase(string baseRef)
    {
        var head = _repository.Head.Tip ?? throw new UsageException("HEAD has no commit yet: commit something before comparing with a base");
        var target = Resolve(baseRef);
        bool shallow = _repository.Info.IsShallow;
        if (target is null)
        {
            throw new UsageException(shallow
                ? $"the base '{baseRef}' is not in this shallow clone. Fetch the history: use 'fetch-depth: 0' in actions/checkout, or run 'git fetch --unshallow' (and 'git fetch origin {baseRef}'), or pass the base commit id with --base."
                : $"the base '{baseRef}' is not a branch, tag or commit of this repository (tried {baseRef}, origin/{baseRef}). Fetch it ('git fetch origin {baseRef}') or pass a commit id.");
        }

        var mergeBase = _repository.ObjectDatabase.FindMergeBase(target, head);
        if (mergeBase is null)
        {
            throw new UsageException(shallow
                ? $"the merge-base of '{baseRef}' and HEAD is not in this shallow clone. Fetch the history: use 'fetch-depth: 0' in actions/checkout, or run 'git fetch --unshallow', or pass the base commit id with --base."
                : $"'{baseRef}' and HEAD have no common history: there is no merge-base to compare with.");
        }

        return mergeBase;
    }

    private Commit? Resolve(string baseRef)
    {
        foreach (var candidate in new[] { baseRef, $"origin/{baseRef}", $"refs/remotes/origin/{baseRef}" })
        {
            try
            {
                if (_repository.Lookup(candidate) is { } found)
                {
                    var peeled = found.Peel<Commit>();
                    if (peeled is not null)
                    {
                        return peeled;
                    }
                }
            }
            catch (LibGit2SharpException)
            {
                // Not a valid spec, or an object missing from a shallow clone: try the next form.
            }
        }

        return null;
    }

    /// <summary>Committed, staged, unstaged and untracked changes from <paramref name="mergeBase"/> to the working tree, with renames.</summary>
    public ChangeSet Changes(Commit mergeBase, string baseDescription)
    {
        var options = new CompareOptions
        {
            ContextLines = 0,
            Similarity = SimilarityOptions.Renames,
        };
        var patch = _repository.Diff.Compare<Patch>(mergeBase.Tree, DiffTargets.Index | DiffTargets.WorkingDirectory, null, null, options);
        var files = new Dictionary<string, FileChange>(StringComparer.Ordinal);
        foreach (var entry in patch)
        {
            if (entry.Status is ChangeKind.Deleted or ChangeKind.Unmodified or ChangeKind.Ignored)
            {
                continue; // deleted lines never produce findings
            }

            var path = entry.Path.Replace('\\', '/');
            bool wholeFile = entry.Status is ChangeKind.Added or ChangeKind.Untracked;
            var added = new HashSet<int>(entry.AddedLines.Select(l => l.LineNumber));
            string? oldPath = entry.Status == ChangeKind.Renamed ? entry.OldPath.Replace('\\', '/') : null;
            files[path] = new FileChange(path, oldPath, wholeFile, added);
        }

        // Untracked (not ignored) files are wholly new; the tree-to-working-tree diff does not list them.
        foreach (var item in _repository.RetrieveStatus(new StatusOptions { IncludeUntracked = true, RecurseUntrackedDirs = true, IncludeIgnored = false }))
        {
            if (item.State.HasFlag(FileStatus.NewInWorkdir))
            {
                var path = item.FilePath.Replace('\\', '/');
                files.TryAdd(path, new FileChange(path, null, true, new HashSet<int>()));
            }
        }

        return new ChangeSet(mergeBase.Sha, baseDescription, files);
    }

    /// <summary>Writes the tree of <paramref name="commit"/> to a new temporary folder: the base side of `findings` mode.</summary>
    public string Snapshot(Commit commit)
    {
        var folder = Directory.CreateTempSubdirectory("secureshop-base-").FullName;
        Write(commit.Tree, folder);
        return folder;
    }

    private static void Write(Tree tree, string folder)
    {
        Directory.CreateDirectory(folder);
        foreach (var entry in tree)
        {
            var target = Path.Combine(folder, entry.Name);
            switch (entry.TargetType)
            {
                case TreeEntryTargetType.Tree:
                    Write((Tree)entry.Target, target);
                    break;
                case TreeEntryTargetType.Blob when entry.Mode != Mode.SymbolicLink:
                    using (var content = ((Blob)entry.Target).GetContentStream())
                    using (var file = File.Create(target))
                    {
                        content.CopyTo(file);
                    }

                    break;
            }
        }
    }

    /// <summary>Where the scan happened, for SARIF versionControlProvenance: remote URL without credentials, commit, branch.</summary>
    public (string? Url, string? Commit, string? Branch) Provenance()
    {
        var remote = _repository.Network.Remotes["origin"] ?? _repository.Network.Remotes.FirstOrDefault();
        return (remote is null ? null : StripCredentials(remote.Url), _repository.Head.Tip?.Sha, _repository.Head.IsTracking || _repository.Head.Tip is not null ? _repository.Head.FriendlyName : null);
    }

    /// <summary>https://user:token@host/x.git -> https://host/x.git; scp-like and local paths are kept as they are.</summary>
    public static string StripCredentials(string url)
    {
        if (Uri.TryCreate(url, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.UserInfo) && uri.Scheme is "http" or "https")
        {
            return new UriBuilder(uri) { UserName = "", Password = "" }.Uri.ToString();
        }

        return url;
    }

    public void Dispose() => _repository.Dispose();
}
