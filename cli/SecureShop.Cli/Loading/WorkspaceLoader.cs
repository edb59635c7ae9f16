using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.MSBuild;
using Microsoft.CodeAnalysis.Text;

namespace SecureShop.Cli.Loading;

/// <summary>
/// Loads the user's code the way the IDE does: a .sln/.slnx/.csproj through MSBuildWorkspace (restoring
/// first when a project has never been restored), a folder through its one solution or all its projects,
/// and a folder of loose .cs files as one ad-hoc compilation against the running .NET and ASP.NET Core.
/// A project that fails to load becomes a notification; the others go on.
/// </summary>
internal sealed class WorkspaceLoader(IReadOnlyDictionary<string, string> properties, Action<string> log)
{
    private static readonly string[] s_ignoredFolders = ["bin", "obj", "node_modules", ".git"];

    public async Task<LoadedCode> LoadAsync(string path, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(path);
        if (File.Exists(full))
        {
            var extension = System.IO.Path.GetExtension(full).ToLowerInvariant();
            return extension switch
            {
                ".sln" or ".slnx" => await LoadSolutionAsync(full, ct),
                ".slnf" => await LoadProjectsAsync(SolutionFilter.Projects(full), full, ct),
                ".csproj" => await LoadProjectsAsync([full], full, ct),
                _ => throw new UsageException($"'{path}' is not a .sln, .slnx, .slnf or .csproj file, nor a folder"),
            };
        }

        if (!Directory.Exists(full))
        {
            throw new UsageException($"'{path}' does not exist");
        }

        var solutions = Directory.GetFiles(full, "*.sln").Concat(Directory.GetFiles(full, "*.slnx")).ToList();
        if (solutions.Count == 1)
        {
            return await LoadSolutionAsync(solutions[0], ct);
        }

        var projects = FilesBelow(full, "*.csproj").ToList();
        if (projects.Count > 0)
        {
            return await LoadProjectsAsync(projects, full, ct);
        }

        return LoadAdHoc(full);
    }

    /// <summary>
    /// For a pull-request scan of a solution: loads only the projects whose folder holds a changed C# file (each
    /// with the projects it references, to compile it), not the whole solution. When a changed file is below no
    /// project folder of the solution, or is not a document of the project loaded for it (a linked file, an
    /// exclusion), the whole solution is loaded instead: a scoped load never leaves a change unanalysed.
    /// Anything but a solution (a project, a solution filter, a folder of projects) loads as asked.
    /// </summary>
    public async Task<LoadedCode> LoadForChangeAsync(string path, IReadOnlyCollection<string> changedSources, CancellationToken ct)
    {
        var full = System.IO.Path.GetFullPath(path);
        var solution = File.Exists(full) ? full : Directory.Exists(full) ? SingleSolutionIn(full) : null;
        if (solution is null || !System.IO.Path.GetExtension(solution).ToLowerInvariant().StartsWith(".sln", StringComparison.Ordinal) || solution.EndsWith(".slnf", StringComparison.OrdinalIgnoreCase)
            || SolutionProjects.Read(solution) is not { Count: > 0 } projects)
        {
            return await LoadAsync(path, ct);
        }

        var owners = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var source in changedSources)
        {
            var owner = projects
                .Where(p => IsBelow(source, System.IO.Path.GetDirectoryName(p)!))
                .OrderByDescending(p => p.Length)
                .FirstOrDefault();
            if (owner is null)
            {
                log($"{source} is below no project folder of {System.IO.Path.GetFileName(solution)}: loading the whole solution");
                return await LoadAsync(path, ct);
            }

            owners.Add(owner);
        }

        var name = System.IO.Path.GetFileName(solution);
        if (owners.Count == 0)
        {
            log($"no changed C# file: no project of {name} is loaded");
            return new LoadedCode([], [], name, IsAdHoc: false);
        }

        var loaded = await LoadProjectsAsync(owners.ToList(), solution, ct);
        var documents = loaded.Projects.SelectMany(p => p.Documents).Select(d => d.FilePath).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var missed = changedSources.Where(s => !documents.Contains(s)).ToList();
        if (missed.Count > 0)
        {
            log($"{missed.Count} changed file(s) are in none of the projects loaded for them (first: {missed[0]}): loading the whole solution");
            return await LoadAsync(path, ct);
        }

        log($"loaded {owners.Count} of {projects.Count} project(s) of {name} (and what they reference): the others hold no changed C# file");
        return loaded;
    }

    private static string? SingleSolutionIn(string folder)
    {
        var solutions = Directory.GetFiles(folder, "*.sln").Concat(Directory.GetFiles(folder, "*.slnx")).ToList();
        return solutions.Count == 1 ? solutions[0] : null;
    }

    private static bool IsBelow(string file, string folder) =>
        file.StartsWith(TrimSeparator(folder) + System.IO.Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>
    /// Files under <paramref name="folder"/>, skipping build output, dependencies and .git. Symbolic links are
    /// followed at most once per target, and never to a folder already walked, so a link loop (or a link to
    /// the folder itself) neither hangs the walk nor yields a file twice.
    /// </summary>
    public static IEnumerable<string> FilesBelow(string folder, string pattern)
    {
        var visited = new HashSet<string>(StringComparer.Ordinal) { TrimSeparator(System.IO.Path.GetFullPath(folder)) };
        var yielded = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([folder]);
        while (pending.Count > 0)
        {
            var dir = pending.Pop();
            foreach (var file in Directory.EnumerateFiles(dir, pattern).Order(StringComparer.Ordinal))
            {
                if (yielded.Add(RealTarget(new FileInfo(file)) ?? System.IO.Path.GetFullPath(file)))
                {
                    yield return file;
                }
            }

            foreach (var sub in Directory.EnumerateDirectories(dir).OrderDescending(StringComparer.Ordinal))
            {
                if (s_ignoredFolders.Contains(System.IO.Path.GetFileName(sub), StringComparer.OrdinalIgnoreCase))
                {
                    continue;
                }

                var info = new DirectoryInfo(sub);
                var key = info.LinkTarget is null ? TrimSeparator(System.IO.Path.GetFullPath(sub)) : RealTarget(info);
                if (key is not null && visited.Add(key))
                {
                    pending.Push(sub);
                }
            }
        }
    }

    /// <summary>The final target of a link (null for a broken link), or the entry's own full path.</summary>
    private static string? RealTarget(FileSystemInfo entry)
    {
        if (entry.LinkTarget is null)
        {
            return TrimSeparator(entry.FullName);
        }

        try
        {
            var target = entry.ResolveLinkTarget(returnFinalTarget: true);
            return target is { Exists: true } ? TrimSeparator(System.IO.Path.GetFullPath(target.FullName)) : null;
        }
        catch (IOException)
        {
            return null; // a chain of links too long to resolve (a loop of links): not followed
        }
    }

    private static string TrimSeparator(string path) =>
        path.Length > 1 ? path.TrimEnd(System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar) : path;

    private async Task<LoadedCode> LoadSolutionAsync(string solution, CancellationToken ct)
    {
        RestoreIfNeeded(solution, FilesBelow(System.IO.Path.GetDirectoryName(solution)!, "*.csproj"));
        var notifications = new List<Notification>();
        using var workspace = CreateWorkspace(notifications);
        log($"loading {solution}");
        var loaded = await workspace.OpenSolutionAsync(solution, cancellationToken: ct);
        return Result(loaded.Projects, requested: null, notifications, System.IO.Path.GetFileName(solution));
    }

    private async Task<LoadedCode> LoadProjectsAsync(IReadOnlyList<string> projectFiles, string description, CancellationToken ct)
    {
        var notifications = new List<Notification>();
        var workspace = CreateWorkspace(notifications);
        foreach (var file in projectFiles)
        {
            RestoreIfNeeded(file, [file]);
            if (workspace.CurrentSolution.Projects.Any(p => string.Equals(p.FilePath, file, StringComparison.OrdinalIgnoreCase)))
            {
                continue; // already loaded as a reference of an earlier project
            }

            log($"loading {file}");
            try
            {
                await workspace.OpenProjectAsync(file, cancellationToken: ct);
            }
            catch (Exception e) when (e is InvalidOperationException or IOException or ArgumentException)
            {
                notifications.Add(new Notification(Level.Error, "project-load-failed", $"Msbuild failed when processing the file '{file}' with message: {e.Message}"));
            }
        }

        return Result(workspace.CurrentSolution.Projects, projectFiles, notifications, System.IO.Path.GetFileName(description));
    }

    private MSBuildWorkspace CreateWorkspace(List<Notification> notifications)
    {
        var workspace = MSBuildWorkspace.Create(new Dictionary<string, string>(properties));
        workspace.RegisterWorkspaceFailedHandler(e =>
        {
            if (e.Diagnostic.Kind == WorkspaceDiagnosticKind.Failure)
            {
                lock (notifications)
                {
                    notifications.Add(new Notification(Level.Error, "project-load-failed", e.Diagnostic.Message));
                }
            }
        });
        return workspace;
    }

    /// <summary>
    /// The projects to analyse: those of the solution, or the project files asked for (a project they
    /// reference is loaded to compile them, not analysed). A workspace failure about a project that loaded
    /// anyway (NuGet restore warnings, for instance) is detail for --verbose; a project that did not load
    /// is <see cref="CoverageState.NotLoaded"/>. What restore could not resolve is read from each project's
    /// assets file, with the real NuGet codes: errors make the project's analysis partial, warnings are
    /// grouped by code for --verbose.
    /// </summary>
    private static LoadedCode Result(IEnumerable<Project> projects, IReadOnlyList<string>? requested, List<Notification> failures, string description)
    {
        var wanted = requested?.Select(System.IO.Path.GetFullPath).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var csharp = projects
            .Where(p => p.Language == LanguageNames.CSharp && (wanted is null || (p.FilePath is not null && wanted.Contains(p.FilePath))))
            .ToList();
        var usable = csharp.Where(p => p.Documents.Any()).ToList();
        var loadedFiles = projects.Where(p => p.Documents.Any() && p.FilePath is not null).Select(p => p.FilePath!).ToList();
        var notLoaded = new List<Coverage>();
        var notifications = new List<Notification>();
        foreach (var failure in failures.Distinct())
        {
            if (loadedFiles.Any(f => failure.Message.Contains(f, StringComparison.OrdinalIgnoreCase)))
            {
                continue; // about a project that loaded: its restore problems are read from its assets file below
            }

            if (IsNotCSharp(failure.Message))
            {
                notifications.Add(new Notification(Level.Note, "project-skipped", failure.Message) { VerboseOnly = true });
                continue;
            }

            var file = ProjectFileIn(failure.Message);
            notLoaded.Add(new Coverage(file is null ? description : Relative(file), CoverageState.NotLoaded, Shorten(WithoutMSBuildPrefix(failure.Message))));
        }

        foreach (var empty in csharp.Where(p => !p.Documents.Any()))
        {
            notLoaded.Add(new Coverage(empty.Name, CoverageState.NotLoaded, "no C# documents after loading"));
        }

        notLoaded = notLoaded
            .GroupBy(c => c.Subject, StringComparer.Ordinal)
            .Select(g => g.First())
            .ToList();
        if (usable.Count == 0)
        {
            var why = notLoaded.Count > 0 ? string.Join(Environment.NewLine, notLoaded.Select(n => "  " + n.Describe())) : "  (no C# project in it)";
            throw new AnalysisUnavailableException($"no project of {description} could be loaded:{Environment.NewLine}{why}");
        }

        var missing = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var warnings = new List<RestoreLog>();
        foreach (var project in usable.Where(p => p.FilePath is not null))
        {
            var logs = RestoreLog.Read(project);
            var errors = logs.Where(l => l.IsError).ToList();
            var packages = errors.Select(l => l.Package).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).Order(StringComparer.OrdinalIgnoreCase).ToList();
            if (packages.Count > 0)
            {
                missing[project.FilePath!] = $"{Coverage.Count(packages.Count, "missing package", "missing packages")}: {string.Join(", ", packages.Take(5))}{(packages.Count > 5 ? ", ..." : "")}";
            }
            else if (errors.Count > 0)
            {
                missing[project.FilePath!] = $"restore failed: {string.Join(", ", errors.Select(e => e.Code).Distinct(StringComparer.Ordinal))} ({Shorten(errors[0].Message)})";
            }

            warnings.AddRange(logs.Where(l => !l.IsError));
        }

        foreach (var code in warnings.GroupBy(w => w.Code, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var packages = code.Select(w => w.Package).OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            notifications.Add(new Notification(
                Level.Note,
                "restore-warning",
                $"restore warning {code.Key} ({Coverage.Count(code.Count(), "time", "times")}){(packages.Count > 0 ? $" ({string.Join(", ", packages.Take(5))}{(packages.Count > 5 ? ", ..." : "")})" : "")}: {Shorten(code.First().Message)}")
            {
                VerboseOnly = true,
            });
        }

        return new LoadedCode(usable, notifications, description, IsAdHoc: false) { NotLoaded = notLoaded, RestoreFailures = missing };
    }

    private static bool IsNotCSharp(string message) =>
        message.Contains("is not associated with a language", StringComparison.OrdinalIgnoreCase)
        || message.Contains("language", StringComparison.OrdinalIgnoreCase) && message.Contains("not supported", StringComparison.OrdinalIgnoreCase);

    /// <summary>"Msbuild failed when processing the file '/x/Api.csproj' with message: ..." -> /x/Api.csproj.</summary>
    private static string? ProjectFileIn(string message)
    {
        var match = System.Text.RegularExpressions.Regex.Match(message, @"'([^']+\.(?:cs|vb|fs)proj)'");
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string WithoutMSBuildPrefix(string message)
    {
        const string marker = "with message: ";
        int at = message.IndexOf(marker, StringComparison.Ordinal);
        return at < 0 ? message : message[(at + marker.Length)..];
    }

    private static string Shorten(string text)
    {
        var oneLine = text.ReplaceLineEndings(" ").Trim();
        return oneLine.Length <= 240 ? oneLine : oneLine[..237] + "...";
    }

    /// <summary>Runs `dotnet restore` when a project has no obj/project.assets.json yet (a fresh clone).</summary>
    private void RestoreIfNeeded(string target, IEnumerable<string> projects)
    {
        bool needed = projects.Any(p => !File.Exists(System.IO.Path.Combine(System.IO.Path.GetDirectoryName(p)!, "obj", "project.assets.json")));
        if (!needed)
        {
            return;
        }

        log($"restoring {target}");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("restore");
        start.ArgumentList.Add(target);
        foreach (var (name, value) in properties)
        {
            start.ArgumentList.Add($"-p:{name}={value}");
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            // Not fatal: projects that can be loaded still are; the failure is reported with them.
            log($"restore of {target} failed (exit {process.ExitCode}):{Environment.NewLine}{output.Result}{error}");
        }
    }

    /// <summary>Loose .cs files: one compilation against the running .NET and ASP.NET Core, with the folder's .editorconfig files.</summary>
    private LoadedCode LoadAdHoc(string folder)
    {
        var sources = FilesBelow(folder, "*.cs").ToList();
        if (sources.Count == 0)
        {
            throw new AnalysisUnavailableException($"{folder} has no solution, project or .cs file to analyse");
        }

        log($"no project in {folder}: analysing {sources.Count} .cs files as one ad-hoc compilation");
        var workspace = new AdhocWorkspace();
        var projectId = ProjectId.CreateNewId();
        var info = ProjectInfo.Create(
                projectId,
                VersionStamp.Default,
                System.IO.Path.GetFileName(folder),
                "AdHoc",
                LanguageNames.CSharp,
                filePath: System.IO.Path.Combine(folder, "adhoc.csproj"),
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.Latest),
                metadataReferences: FrameworkReferences())
            .WithDocuments(sources.Select(f => DocumentInfo.Create(
                DocumentId.CreateNewId(projectId),
                System.IO.Path.GetFileName(f),
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(File.ReadAllText(f)), VersionStamp.Default, f)),
                filePath: f)))
            .WithAnalyzerConfigDocuments(FilesBelow(folder, ".editorconfig").Concat(FilesBelow(folder, "*.globalconfig")).Select(f => DocumentInfo.Create(
                DocumentId.CreateNewId(projectId),
                f,
                loader: TextLoader.From(TextAndVersion.Create(SourceText.From(File.ReadAllText(f)), VersionStamp.Default, f)),
                filePath: f)));
        var solution = workspace.CurrentSolution.AddProject(info);
        var notice = new Notification(
            Level.Note,
            "reduced-precision",
            "No project file: the .cs files were analysed as one ad-hoc compilation against the running .NET and ASP.NET Core. Package types (EF Core, Stripe, Serilog, ...) are unresolved, so rules that need them find less.");
        return new LoadedCode([solution.GetProject(projectId)!], [notice], System.IO.Path.GetFileName(folder), IsAdHoc: true);
    }

    private static IEnumerable<MetadataReference> FrameworkReferences()
    {
        var runtime = RuntimeEnvironment.GetRuntimeDirectory();
        var folders = new List<string> { runtime };
        var shared = System.IO.Path.GetFullPath(System.IO.Path.Combine(runtime, "..", ".."));
        var aspnet = System.IO.Path.Combine(shared, "Microsoft.AspNetCore.App");
        if (Directory.Exists(aspnet))
        {
            var same = System.IO.Path.Combine(aspnet, System.IO.Path.GetFileName(runtime.TrimEnd(System.IO.Path.DirectorySeparatorChar)));
            folders.Add(Directory.Exists(same) ? same : Directory.GetDirectories(aspnet).Order(StringComparer.Ordinal).Last());
        }

        foreach (var dll in folders.SelectMany(f => Directory.GetFiles(f, "*.dll")))
        {
            MetadataReference? reference = null;
            try
            {
                using var stream = File.OpenRead(dll);
                using var pe = new System.Reflection.PortableExecutable.PEReader(stream);
                if (pe.HasMetadata)
                {
                    reference = MetadataReference.CreateFromFile(dll);
                }
            }
            catch (BadImageFormatException)
            {
            }

            if (reference is not null)
            {
                yield return reference;
            }
        }
    }

    private static string Relative(string file) => System.IO.Path.GetRelativePath(Directory.GetCurrentDirectory(), file);
}
