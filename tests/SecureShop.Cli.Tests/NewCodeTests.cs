using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>"New code" on real git repositories: lines, files and findings modes (CLI.md).</summary>
public class NewCodeTests
{
    private const string FeatureLog = "System.Console.WriteLine(\"debug \" + cardNumber);";

    private static string[] Lines(ProcessRunner.Result result, string rule) =>
        result.Output.Split('\n').Where(l => l.Contains($" {rule}: ", StringComparison.Ordinal)).Select(l => l.Trim()).ToArray();

    [Test]
    public void LinesModeReportsOnlyCommittedStagedUnstagedAndUntrackedAdditions()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Old.cs", TempRepo.VulnerableClass("Old"));
        foreach (var name in new[] { "Committed", "Staged", "Unstaged" })
        {
            repo.Write($"Shop/{name}.cs", TempRepo.CleanClass(name));
        }

        repo.CommitAll("base");
        repo.Git("checkout", "-q", "-b", "feature");

        repo.Write("Shop/Committed.cs", WithLog("Committed"));
        repo.CommitAll("feature commit");
        repo.Write("Shop/Staged.cs", WithLog("Staged"));
        repo.Git("add", "Shop/Staged.cs");
        repo.Write("Shop/Unstaged.cs", WithLog("Unstaged"));
        repo.Write("Shop/Untracked.cs", WithLog("Untracked"));

        var result = repo.Scan("Shop/Shop.csproj", "--base", "main");
        var ss1001 = Lines(result, "SS1001");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(ss1001, Has.Length.EqualTo(4), result.ToString());
            foreach (var name in new[] { "Committed", "Staged", "Unstaged", "Untracked" })
            {
                Assert.That(ss1001.Any(l => l.StartsWith($"Shop/{name}.cs(", StringComparison.Ordinal)), Is.True, $"{name}: {result}");
            }

            // Old.cs has findings, but on lines the change did not touch.
            Assert.That(result.Output, Does.Not.Contain("Shop/Old.cs"), result.ToString());
        });
    }

    [Test]
    public void RenameWithoutChangeGivesNothingAndRenamePlusOneLineGivesOnlyThatLine()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Payments.cs", TempRepo.VulnerableClass("Payments"));
        repo.Write("Shop/Audit.cs", TempRepo.VulnerableClass("Audit"));
        repo.CommitAll("base");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Git("mv", "Shop/Payments.cs", "Shop/CardPayments.cs");
        repo.Git("mv", "Shop/Audit.cs", "Shop/CardAudit.cs");
        repo.Write("Shop/CardAudit.cs", repo.Read("Shop/CardAudit.cs").Replace(
            "System.Console.WriteLine(\"paying with \" + cardNumber);",
            "System.Console.WriteLine(\"paying with \" + cardNumber);\n        System.Console.WriteLine($\"again {cardNumber}\");",
            StringComparison.Ordinal));
        repo.CommitAll("rename");

        var result = repo.Scan("Shop/Shop.csproj", "--base", "main");
        Assert.Multiple(() =>
        {
            Assert.That(result.Output, Does.Not.Contain("CardPayments.cs"), "a rename without change adds nothing: " + result);
            Assert.That(Lines(result, "SS1001"), Has.Length.EqualTo(1), result.ToString());
            Assert.That(Lines(result, "SS1001")[0], Does.StartWith("Shop/CardAudit.cs(10,"), result.ToString());
            Assert.That(Lines(result, "SS1007"), Is.Empty, "the literal was only moved: " + result);
        });
    }

    [Test]
    public void DeletingVulnerableLinesGivesNothing()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Payments.cs", TempRepo.VulnerableClass("Payments") + "\n" + TempRepo.VulnerableClass("Payments2").Replace("namespace Shop;", "", StringComparison.Ordinal));
        repo.CommitAll("base");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("Shop/Payments.cs", TempRepo.VulnerableClass("Payments"));
        repo.CommitAll("remove the second class");

        var result = repo.Scan("Shop/Shop.csproj", "--base", "main");
        Assert.That(result.ExitCode, Is.Zero, result.ToString());
        Assert.That(result.Output, Does.Contain("0 finding(s) in new code"), result.ToString());
    }

    [Test]
    public void FilesModeReportsEveryFindingOfAChangedFileOnly()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Changed.cs", TempRepo.VulnerableClass("Changed"));
        repo.Write("Shop/Untouched.cs", TempRepo.VulnerableClass("Untouched"));
        repo.CommitAll("base");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("Shop/Changed.cs", repo.Read("Shop/Changed.cs") + "\n// reviewed\n");
        repo.CommitAll("touch one file");

        var result = repo.Scan("Shop/Shop.csproj", "--base", "main", "--new-code", "files");
        Assert.Multiple(() =>
        {
            Assert.That(Lines(result, "SS1001").Concat(Lines(result, "SS1007")), Has.Exactly(2).StartsWith("Shop/Changed.cs("), result.ToString());
            Assert.That(result.Output, Does.Not.Contain("Untouched.cs"), result.ToString());
        });
    }

    /// <summary>Removing a protection elsewhere puts a finding on an old line: only `findings` mode sees it.</summary>
    [Test]
    public void FindingsModeCatchesAFindingOnAnUnchangedLineAndNotAnOldOne()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Order.cs", """
            namespace Shop;

            public record Order(int Id, [property: System.Text.Json.Serialization.JsonIgnore] string Notes)
            {
                public override string ToString() => $"Order {Id}";
                public string CardNumber { get; init; } = "";
            }
            """);
        repo.Write("Shop/Checkout.cs", """
            namespace Shop;

            public class Checkout
            {
                public void Place(Order order) => System.Console.WriteLine($"placing {order}");
            }
            """);
        repo.Write("Shop/Old.cs", TempRepo.VulnerableClass("Old"));
        repo.CommitAll("base");
        repo.Git("checkout", "-q", "-b", "feature");
        // The change is in Order.cs; the finding it causes is on Checkout.cs's unchanged line.
        repo.Write("Shop/Order.cs", repo.Read("Shop/Order.cs").Replace("    public override string ToString() => $\"Order {Id}\";\n", "", StringComparison.Ordinal));
        repo.CommitAll("drop the custom ToString");

        var findings = repo.Scan("Shop/Shop.csproj", "--base", "main", "--new-code", "findings");
        var lines = repo.Scan("Shop/Shop.csproj", "--base", "main", "--new-code", "lines");
        Assert.Multiple(() =>
        {
            Assert.That(Lines(findings, "SS1001"), Has.Length.EqualTo(1), findings.ToString());
            Assert.That(Lines(findings, "SS1001")[0], Does.StartWith("Shop/Checkout.cs(5,"), findings.ToString());
            Assert.That(findings.Output, Does.Not.Contain("Shop/Old.cs"), "unchanged findings are not new: " + findings);
            Assert.That(Lines(lines, "SS1001"), Is.Empty, "lines mode cannot see it: " + lines);
        });
    }

    private static string WithLog(string name) => $$"""
        namespace Shop;

        public class {{name}}
        {
            public decimal Total(decimal price, int quantity) => price * quantity;

            public void Pay(string cardNumber) => {{FeatureLog}}
        }
        """;
}
