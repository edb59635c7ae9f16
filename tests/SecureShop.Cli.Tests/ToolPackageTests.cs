using System.Diagnostics;
using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>The tool as a user gets it: packed, installed with `dotnet tool install` from a feed, run as `secureshop`.</summary>
public class ToolPackageTests
{
    [Test]
    public void PackedToolInstallsAndScans()
    {
        var root = Directory.CreateTempSubdirectory("secureshop-tool-").FullName;
        try
        {
            var feed = Path.Combine(root, "feed");
            var tools = Path.Combine(root, "tools");
            // A version of its own, so no package cache can answer with an older build.
            var version = $"0.1.0-test{DateTime.UtcNow:yyyyMMddHHmmss}";
            Run(Secureshop.RepositoryRoot, "dotnet", "pack", "cli/SecureShop.Cli/SecureShop.Cli.csproj", "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false");
            Run(root, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", feed, "SecureShop.Cli", "--version", version);

            var secureshop = Path.Combine(tools, "secureshop");
            Assert.That(Run(root, secureshop, "--version").Output.Trim(), Is.EqualTo(version));
            var scan = Run(Secureshop.RepositoryRoot, secureshop, expectedExit: 1, "scan", "samples/VulnerableShop", "--quiet");
            Assert.That(scan.Output, Does.Contain("error SS1001").And.Contain("SecureShop: "));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    private static (int Exit, string Output) Run(string directory, string file, params string[] args) => Run(directory, file, 0, args);

    private static (int Exit, string Output) Run(string directory, string file, int expectedExit, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            start.Environment.Remove(key);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.That(process.ExitCode, Is.EqualTo(expectedExit), $"{file} {string.Join(' ', args)}:\n{output.Result}\n{error}");
        return (process.ExitCode, output.Result);
    }
}
