using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>What gets loaded and analysed: solutions of both formats, and only what a pull request changed.</summary>
public class LoadingTests
{
    [Test]
    public void LinesModeDoesNotCompileAProjectWithoutAChangedDocument()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write("Admin/Admin.csproj", TempRepo.Project);
        repo.Write("Admin/Report.cs", TempRepo.VulnerableClass("Report"));
        repo.CommitAll("two projects");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("Shop/Pay.cs", repo.Read("Shop/Pay.cs") + "\n// touched\n");
        repo.CommitAll("touch Shop only");

        var result = repo.Scan(".", "--base", "main", "--verbose");
        Assert.Multiple(() =>
        {
            Assert.That(result.Error, Does.Contain("analysing Shop (1 documents)"), result.ToString());
            Assert.That(result.Error, Does.Not.Contain("analysing Admin"), "Admin has no changed document: " + result);
            Assert.That(result.Output, Does.Contain("1 file(s) analysed"), result.ToString());
        });
    }

    [Test]
    public void SlnxSolutionLoads()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write("All.slnx", """
            <Solution>
              <Project Path="Shop/Shop.csproj" />
            </Solution>
            """);
        repo.CommitAll("slnx");
        var result = repo.Scan("All.slnx");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output, Does.Contain("Shop/Pay.cs(9,").And.Contain("error SS1001"), result.ToString());
    }

    [Test]
    public void IncludeAndExcludeLimitTheReportedFiles()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Payments/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write("Shop/Legacy/Old.cs", TempRepo.VulnerableClass("Old"));
        repo.CommitAll("base");
        var included = repo.Scan("Shop/Shop.csproj", "--include", "Shop/Payments/*");
        var excluded = repo.Scan("Shop/Shop.csproj", "--exclude", "**/Legacy/*");
        Assert.Multiple(() =>
        {
            Assert.That(included.Output, Does.Contain("Shop/Payments/Pay.cs(").And.Not.Contain("Legacy"), included.ToString());
            Assert.That(excluded.Output, Does.Contain("Shop/Payments/Pay.cs(").And.Not.Contain("Legacy"), excluded.ToString());
        });
    }
}
