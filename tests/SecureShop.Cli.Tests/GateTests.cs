using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>Exit codes 0/1/2/3, --fail-on, baselines, configuration and the other commands.</summary>
public class GateTests
{
    [Test]
    public void Exit0WhenNothingReachesTheThreshold()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Clean.cs", TempRepo.CleanClass("Clean"));
        repo.CommitAll("base");
        var result = repo.Scan("Shop/Shop.csproj");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("0 finding(s) in all code"));
    }

    [Test]
    public void Exit1OnFindingsAndFailOnMovesTheThreshold()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Card.cs", """
            namespace Shop;
            public class Card { private const string Demo = "4556737586899855"; }
            """);
        repo.CommitAll("base");
        var byDefault = repo.Scan("Shop/Shop.csproj");
        var onWarning = repo.Scan("Shop/Shop.csproj", "--fail-on", "warning");
        var never = repo.Scan("Shop/Shop.csproj", "--fail-on", "never", "--format", "json");
        Assert.Multiple(() =>
        {
            Assert.That(byDefault.ExitCode, Is.Zero, "SS1007 is a warning; the default threshold is error: " + byDefault);
            Assert.That(byDefault.Output, Does.Contain("Shop/Card.cs(2,49): warning SS1007: Literal 4556 73** **** 9855"));
            Assert.That(onWarning.ExitCode, Is.EqualTo(1), onWarning.ToString());
            Assert.That(never.ExitCode, Is.Zero, never.ToString());
            Assert.That(System.Text.Json.JsonDocument.Parse(never.Output).RootElement.GetProperty("findings").GetArrayLength(), Is.EqualTo(1));
        });
    }

    [TestCase("--no-such-option")]
    [TestCase("--fail-on", "sometimes")]
    [TestCase("--new-code", "everything")]
    public void Exit2OnBadUsage(params string[] args)
    {
        var result = Secureshop.Run(Path.GetTempPath(), ["scan", .. args]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.StartWith("secureshop: error:"));
    }

    [Test]
    public void Exit2OnAMissingPathAndAnUnreadableBaseline()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Clean.cs", TempRepo.CleanClass("Clean"));
        repo.Write("broken-baseline.json", "{ this is not json");
        var missing = repo.Scan("Shop/NoSuch.csproj");
        var unreadable = repo.Scan("Shop/Shop.csproj", "--baseline", repo.PathOf("broken-baseline.json"));
        var absent = repo.Scan("Shop/Shop.csproj", "--baseline", repo.PathOf("absent.json"));
        Assert.Multiple(() =>
        {
            Assert.That(missing.ExitCode, Is.EqualTo(2), missing.ToString());
            Assert.That(unreadable.ExitCode, Is.EqualTo(2), unreadable.ToString());
            Assert.That(unreadable.Error, Does.Contain("baseline"));
            Assert.That(absent.ExitCode, Is.EqualTo(2), absent.ToString());
        });
    }

    [Test]
    public void Exit3WhenNoProjectLoads()
    {
        using var repo = new TempRepo(withProject: false);
        repo.Write("Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");
        repo.Write("Broken/Pay.cs", TempRepo.VulnerableClass("Pay"));
        var result = repo.Scan("Broken/Broken.csproj");
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("could be loaded"), result.ToString());
    }

    [Test]
    public void SolutionWithOneBrokenProjectStillReportsTheOtherAndANotification()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write("Broken/Broken.csproj", "<Project Sdk=\"Microsoft.NET.Sdk\"><PropertyGroup>");
        ProcessRunner.Expect(0, repo.Root, "dotnet", "new", "sln", "--format", "sln", "-n", "All");
        ProcessRunner.Expect(0, repo.Root, "dotnet", "sln", "All.sln", "add", "Shop/Shop.csproj");
        // A project that cannot be parsed cannot be added with `dotnet sln`: write its entry by hand.
        var text = File.ReadAllText(repo.PathOf("All.sln"));
        text = text.Replace("Global\n", "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Broken\", \"Broken/Broken.csproj\", \"{11111111-2222-3333-4444-555555555555}\"\nEndProject\nGlobal\n", StringComparison.Ordinal);
        File.WriteAllText(repo.PathOf("All.sln"), text);
        repo.CommitAll("two projects, one broken");

        // A project that did not load makes the analysis incomplete: exit 3, whatever the findings say...
        var sarif = repo.PathOf("out.sarif");
        var result = repo.Scan("All.sln", "--sarif", sarif);
        var invocation = Sarif.Load(sarif)["runs"]![0]!["invocations"]![0]!;
        var notifications = invocation["toolExecutionNotifications"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Output, Does.Contain("Shop/Pay.cs(").And.Contain("error SS1001"), result.ToString());
            Assert.That(result.Output, Does.Contain("Broken/Broken.csproj: not loaded ("), result.ToString());
            Assert.That(notifications.Select(n => n!["message"]!["text"]!.GetValue<string>()), Has.Some.Contains("Broken"));
            Assert.That(notifications.Select(n => n!["level"]!.GetValue<string>()), Has.Some.EqualTo("error"));
            Assert.That(invocation["executionSuccessful"]!.GetValue<bool>(), Is.False);
        });
        Assert.That(Sarif.ValidationErrors(sarif), Is.Empty);

        // ...unless the user accepts partial results: then the findings decide, and the gap is still shown.
        var partial = repo.Scan("All.sln", "--allow-partial");
        Assert.That(partial.ExitCode, Is.EqualTo(1), partial.ToString());
        Assert.That(partial.Output, Does.Contain("Broken/Broken.csproj: not loaded ("), partial.ToString());
    }

    [Test]
    public void BaselineThenScanReportsNothingNewAndThenExactlyTheAddedLine()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.CommitAll("base");
        var baseline = repo.PathOf("secureshop-baseline.json");
        var written = Secureshop.Run(repo.Root, "baseline", "Shop/Shop.csproj", "-o", baseline);
        Assert.That(written.ExitCode, Is.Zero, written.ToString());
        Assert.That(File.ReadAllText(baseline), Does.Not.Contain("4556737586899855"));

        var clean = repo.Scan("Shop/Shop.csproj", "--baseline", baseline);
        Assert.That(clean.ExitCode, Is.Zero, clean.ToString());
        Assert.That(clean.Output, Does.Contain("0 finding(s)"), clean.ToString());

        repo.Write("Shop/Pay.cs", repo.Read("Shop/Pay.cs").Replace(
            "    public void Pay(",
            "    public void Refund(string cardNumber) => System.Console.Error.WriteLine(cardNumber);\n\n    public void Pay(",
            StringComparison.Ordinal));
        var sarif = repo.PathOf("new.sarif");
        var one = repo.Scan("Shop/Shop.csproj", "--baseline", baseline, "--sarif", sarif);
        var results = Sarif.Results(Sarif.Load(sarif)).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(one.ExitCode, Is.EqualTo(1), one.ToString());
            Assert.That(results, Has.Count.EqualTo(1), one.ToString());
            Assert.That(results[0]["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>(), Is.EqualTo(7));
            Assert.That(results[0]["baselineState"]!.GetValue<string>(), Is.EqualTo("new"));
        });
    }

    [Test]
    public void EditorConfigSeveritiesApplyAsInTheBuild()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write(".editorconfig", "root = true\n\n[*.cs]\ndotnet_diagnostic.SS1001.severity = none\ndotnet_diagnostic.SS1007.severity = error\n");
        repo.CommitAll("base");
        var result = repo.Scan("Shop/Shop.csproj");
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Not.Contain("SS1001"), result.ToString());
            Assert.That(result.Output, Does.Contain("error SS1007"), result.ToString());
            Assert.That(result.ExitCode, Is.EqualTo(1));
        });
    }

    [Test]
    public void LooseFilesAreAnalysedAdHocAndSaySo()
    {
        var folder = Directory.CreateTempSubdirectory("secureshop-loose-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "Pay.cs"), TempRepo.VulnerableClass("Pay"));
            var result = Secureshop.Run(folder, "scan", ".");
            Assert.Multiple(() =>
            {
                Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
                Assert.That(result.Output, Does.Contain("Pay.cs(9,").And.Contain("error SS1001"), result.ToString());
                Assert.That(result.Output, Does.Contain("reduced-precision"), result.ToString());
            });
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Test]
    public void RulesVersionAndHelp()
    {
        var table = Secureshop.Run(Path.GetTempPath(), "rules");
        var json = Secureshop.Run(Path.GetTempPath(), "rules", "--format", "json");
        var version = Secureshop.Run(Path.GetTempPath(), "--version");
        var help = Secureshop.Run(Path.GetTempPath(), "--help");
        Assert.Multiple(() =>
        {
            Assert.That(table.ExitCode, Is.Zero);
            Assert.That(table.Output, Does.Contain("SS1001").And.Contain("rules/SS1001.md"));
            Assert.That(System.Text.Json.JsonDocument.Parse(json.Output).RootElement.GetArrayLength(), Is.GreaterThanOrEqualTo(8));
            Assert.That(version.Output.Trim(), Does.Match(@"^\d+\.\d+\.\d+"));
            Assert.That(help.Output, Does.Contain("--new-code").And.Contain("--fail-on").And.Contain("--baseline").And.Contain("--include-suppressed"));
        });
    }
}
