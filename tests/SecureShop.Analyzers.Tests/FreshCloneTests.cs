using System.Diagnostics;
using System.IO.Compression;
using System.Text.RegularExpressions;
using SecureShop.Analyzers.Tests.Infrastructure;

namespace SecureShop.Analyzers.Tests;

/// <summary>
/// The README's build-it-yourself command, run as a new contributor runs it: in a fresh `git clone` of this
/// repository (no obj/ or bin/ folder from an earlier build), exactly as the README spells it. The machine's
/// NuGet cache is reused; only the restore outputs are new.
/// </summary>
[NonParallelizable]
public class FreshCloneTests
{
    [Test]
    public void ReadmePackCommandWorksOnAFreshClone()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        var command = Regex.Match(readme, @"^(dotnet pack analyzers/SecureShop\.Analyzers [^#`\r\n]*)", RegexOptions.Multiline);
        Assert.That(command.Success, Is.True, "the README names the analyzer pack command");

        var root = Directory.CreateTempSubdirectory("secureshop-clone-").FullName;
        try
        {
            var clone = Path.Combine(root, "repo");
            Git(root, "clone", "-q", "--no-hardlinks", Repository.Root, clone);
            Assert.That(Directory.EnumerateDirectories(clone, "obj", SearchOption.AllDirectories), Is.Empty, "a clone has no restore output");

            var arguments = command.Groups[1].Value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToArray();
            var pack = DotNetCli.RunWithEnvironment(
                clone,
                new Dictionary<string, string> { ["MSBUILDDISABLENODEREUSE"] = "1", ["UseSharedCompilation"] = "false" },
                arguments);
            Assert.That(pack.ExitCode, Is.Zero, $"{command.Groups[1].Value}\n{pack}");

            var package = Directory.GetFiles(Path.Combine(clone, "artifacts", "packages"), "SecureShop.Analyzers.*.nupkg").Single();
            using var zip = ZipFile.OpenRead(package);
            var entries = zip.Entries.Select(e => e.FullName).ToList();
            Assert.That(entries, Does.Contain("analyzers/dotnet/cs/SecureShop.Analyzers.dll")
                .And.Contain("analyzers/dotnet/cs/SecureShop.Analyzers.CodeFixes.dll"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static void Git(string directory, params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var error = process.StandardError.ReadToEndAsync();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.Zero, $"git {string.Join(' ', arguments)}: {error.Result}");
    }
}
