using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>Finding the base: explicit, from the CI system, and the errors CLI.md requires.</summary>
public class BaseResolutionTests
{
    private static TempRepo FeatureBranchWithOneNewFinding()
    {
        var repo = new TempRepo();
        repo.Write("Shop/Old.cs", TempRepo.VulnerableClass("Old"));
        repo.CommitAll("base");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("Shop/New.cs", TempRepo.VulnerableClass("New"));
        repo.CommitAll("feature");
        return repo;
    }

    [Test]
    public void GitHubBaseRefIsDetectedWhenNewCodeIsAsked()
    {
        using var repo = FeatureBranchWithOneNewFinding();
        var result = Secureshop.Run(repo.Root, new Dictionary<string, string?> { ["GITHUB_BASE_REF"] = "main" }, "scan", "Shop/Shop.csproj", "--new-code", "lines");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("Shop/New.cs(").And.Not.Contain("Shop/Old.cs("), result.ToString());
            Assert.That(result.Output, Does.Contain("changed since main"), result.ToString());
        });
    }

    [Test]
    public void NewCodeWithoutAnyBaseIsAUsageError()
    {
        using var repo = FeatureBranchWithOneNewFinding();
        var result = repo.Scan("Shop/Shop.csproj", "--new-code", "lines");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--base"));
    }

    [Test]
    public void ShallowCloneWithoutTheMergeBaseExits2AndNamesTheFix()
    {
        using var origin = FeatureBranchWithOneNewFinding();
        var clone = Directory.CreateTempSubdirectory("secureshop-shallow-").FullName;
        try
        {
            origin.Git("clone", "-q", "--depth", "1", "--branch", "feature", "file://" + origin.Root, clone);
            var result = Secureshop.Run(clone, "scan", "Shop/Shop.csproj", "--base", "main");
            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
                Assert.That(result.Error, Does.Contain("shallow"), result.ToString());
                Assert.That(result.Error, Does.Contain("fetch-depth: 0").And.Contain("git fetch --unshallow").And.Contain("commit id"), result.ToString());
            });
        }
        finally
        {
            Directory.Delete(clone, recursive: true);
        }
    }

    [Test]
    public void BaseOutsideARepositoryExits2()
    {
        var folder = Directory.CreateTempSubdirectory("secureshop-norepo-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Shop.csproj"), TempRepo.Project);
            File.WriteAllText(Path.Combine(folder, "Pay.cs"), TempRepo.VulnerableClass("Pay"));
            var result = Secureshop.Run(folder, "scan", "Shop.csproj", "--base", "main");
            Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
            Assert.That(result.Error, Does.Contain("not inside a git repository"), result.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void UnknownBaseExits2()
    {
        using var repo = FeatureBranchWithOneNewFinding();
        var result = repo.Scan("Shop/Shop.csproj", "--base", "no-such-branch");
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("no-such-branch"), result.ToString());
    }
}
