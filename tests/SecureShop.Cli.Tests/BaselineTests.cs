using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>A baseline outlives renames and moves, still catches copied code, and refuses a format it cannot compare.</summary>
public class BaselineTests
{
    [Test]
    public void PureRenameKeepsEveryBaselinedFinding()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.CommitAll("base");
        var baseline = repo.PathOf("secureshop-baseline.json");
        var written = Secureshop.Run(repo.Root, "baseline", "Shop/Shop.csproj", "-o", baseline);
        Assert.That(written.ExitCode, Is.Zero, written.ToString());
        Assert.That(written.Output, Does.Contain("wrote 2 finding(s)"), written.ToString());

        Directory.CreateDirectory(repo.PathOf("Shop/Payments"));
        repo.Git("mv", "Shop/Pay.cs", "Shop/Payments/CardPayments.cs");
        repo.CommitAll("move the payment code");
        var sarif = repo.PathOf("renamed.sarif");
        var scan = repo.Scan("Shop/Shop.csproj", "--baseline", baseline, "--sarif", sarif);
        Assert.Multiple(() =>
        {
            Assert.That(scan.ExitCode, Is.Zero, scan.ToString());
            Assert.That(scan.Output, Does.Contain("0 finding(s)"), scan.ToString());
            Assert.That(Sarif.Results(Sarif.Load(sarif)), Is.Empty);
        });
    }

    [Test]
    public void CopyOfBaselinedCodeIntoASecondFileIsNewAndTheOriginalIsNot()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write("Billing/Billing.csproj", TempRepo.Project);
        repo.Write("Billing/Invoice.cs", TempRepo.CleanClass("Invoice"));
        repo.CommitAll("base");
        var baseline = repo.PathOf("secureshop-baseline.json");
        var written = Secureshop.Run(repo.Root, "baseline", ".", "-o", baseline);
        Assert.That(written.ExitCode, Is.Zero, written.ToString());

        // The same class in another project: same rule, same member, same code, so only the path tells them apart.
        repo.Write("Billing/Pay.cs", repo.Read("Shop/Pay.cs"));
        var sarif = repo.PathOf("copied.sarif");
        var scan = repo.Scan(".", "--baseline", baseline, "--sarif", sarif);
        var results = Sarif.Results(Sarif.Load(sarif)).ToList();
        var uris = results.Select(r => r["locations"]![0]!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>());
        Assert.Multiple(() =>
        {
            Assert.That(scan.ExitCode, Is.EqualTo(1), scan.ToString());
            Assert.That(results.Select(r => r["ruleId"]!.GetValue<string>()), Is.EquivalentTo(new[] { "SS1001", "SS1007" }), scan.ToString());
            Assert.That(uris, Is.All.EqualTo("Billing/Pay.cs"), scan.ToString());
            Assert.That(results.Select(r => r["baselineState"]!.GetValue<string>()), Is.All.EqualTo("new"));
            Assert.That(results.Select(Sarif.Fingerprint).Distinct().Count(), Is.EqualTo(2), "each result keeps a fingerprint of its own");
        });
    }

    [Test]
    public void BaselineOfTheOldFormatIsRefusedWithHowToRecordItAgain()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.CommitAll("base");
        repo.Write("old-baseline.json", """
            {
              "Version": 1,
              "Tool": "SecureShop",
              "Findings": [
                { "RuleId": "SS1001", "Path": "Shop/Pay.cs", "Fingerprint": "0123456789abcdef0123456789abcdef" }
              ]
            }
            """);
        var scan = repo.Scan("Shop/Shop.csproj", "--baseline", repo.PathOf("old-baseline.json"));
        Assert.Multiple(() =>
        {
            Assert.That(scan.ExitCode, Is.EqualTo(2), scan.ToString());
            Assert.That(scan.Error, Does.Contain("older secureshop").And.Contain("secureshop baseline -o"), scan.ToString());
        });
    }
}
