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
            ProcessRunner.Expect(0, Secureshop.RepositoryRoot, "dotnet", "pack", "cli/SecureShop.Cli/SecureShop.Cli.csproj", "-c", "Release", "-o", feed, $"-p:Version={version}", "-nodeReuse:false");
            ProcessRunner.Expect(0, root, "dotnet", "tool", "install", "--tool-path", tools, "--add-source", feed, "SecureShop.Cli", "--version", version);

            var secureshop = Path.Combine(tools, "secureshop");
            Assert.That(ProcessRunner.Expect(0, root, secureshop, "--version").Output.Trim(), Is.EqualTo(version));
            var scan = ProcessRunner.Expect(1, Secureshop.RepositoryRoot, secureshop, "scan", "samples/VulnerableShop", "--quiet");
            Assert.That(scan.Output, Does.Contain("error SS1001").And.Contain("SecureShop: "));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
