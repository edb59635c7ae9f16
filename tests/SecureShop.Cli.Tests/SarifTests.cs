using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>The SARIF file: valid for the official validator and GitHub's rules, stable, and free of secrets and card numbers.</summary>
public class SarifTests
{
    [Test]
    public void SampleSarifHasZeroValidatorErrorsAndEveryRule()
    {
        var sarif = Path.Combine(Path.GetTempPath(), $"sample-{Guid.NewGuid():N}.sarif");
        try
        {
            var result = Secureshop.Run(Secureshop.RepositoryRoot, "scan", "samples/VulnerableShop", "--sarif", sarif, "--category", "secureshop/samples");
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            var errors = Sarif.ValidationErrors(sarif);
            Assert.That(errors, Is.Empty, "SARIF Multitool validate --rule-kind Sarif;Gh");

            var log = Sarif.Load(sarif);
            var run = log["runs"]![0]!;
            var rules = run["tool"]!["driver"]!["rules"]!.AsArray();
            var expectedRules = File.ReadAllLines(Path.Combine(Secureshop.RepositoryRoot, "samples/VulnerableShop/expected-findings.txt"))
                .Where(l => l.Length > 0 && !l.StartsWith('#')).Select(l => l.Split(' ')[1]).ToHashSet();
            Assert.Multiple(() =>
            {
                Assert.That(rules.Select(r => r!["id"]!.GetValue<string>()), Is.SupersetOf(expectedRules));
                foreach (var rule in rules)
                {
                    Assert.That(rule!["help"]!["markdown"]!.GetValue<string>(), Does.StartWith($"# {rule["id"]}: "));
                    var tags = rule["properties"]!["tags"]!.AsArray().Select(t => t!.GetValue<string>()).ToList();
                    Assert.That(tags, Does.Contain("security").And.Some.StartsWith("external/cwe/cwe-"));

                    // Personal-data rules (SS5xxx) answer to GDPR; RULES.md gives them no PCI DSS requirement.
                    if (!rule["id"]!.GetValue<string>().StartsWith("SS5", StringComparison.Ordinal))
                    {
                        Assert.That(tags, Has.Some.StartsWith("pci-dss/"));
                    }
                    Assert.That(double.Parse(rule["properties"]!["security-severity"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture), Is.InRange(0.0, 10.0));
                }

                Assert.That(run["automationDetails"]!["id"]!.GetValue<string>(), Is.EqualTo("secureshop/samples/"));
                var results = Sarif.Results(log).ToList();
                Assert.That(results, Has.Count.EqualTo(expectedRules.Count > 0 ? File.ReadAllLines(Path.Combine(Secureshop.RepositoryRoot, "samples/VulnerableShop/expected-findings.txt")).Count(l => l.Length > 0 && !l.StartsWith('#')) : 0));
                foreach (var r in results)
                {
                    var location = r["locations"]![0]!["physicalLocation"]!;
                    Assert.That(location["artifactLocation"]!["uri"]!.GetValue<string>(), Does.StartWith("samples/VulnerableShop/"));
                    Assert.That(location["artifactLocation"]!["uriBaseId"]!.GetValue<string>(), Is.EqualTo("%SRCROOT%"));
                    Assert.That(location["region"]!["endColumn"], Is.Not.Null);
                    Assert.That(r["partialFingerprints"]!["primaryLocationLineHash"]!.GetValue<string>(), Does.Match("^[0-9a-f]+:[0-9]+$"));
                    Assert.That(r["ruleIndex"]!.GetValue<int>(), Is.GreaterThanOrEqualTo(0));
                }
            });
        }
        finally
        {
            File.Delete(sarif);
        }
    }

    [Test]
    public void InsertingLinesAboveAFindingKeepsItsFingerprintAndTwoScansAreIdentical()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Payments.cs", TempRepo.VulnerableClass("Payments"));
        repo.CommitAll("base");
        // The same command twice (the command line is part of the SARIF invocation).
        var output = repo.PathOf("out.sarif");
        repo.Scan("Shop/Shop.csproj", "--sarif", output);
        var firstText = File.ReadAllText(output);
        repo.Scan("Shop/Shop.csproj", "--sarif", output);
        Assert.That(WithoutTimes(File.ReadAllText(output)), Is.EqualTo(WithoutTimes(firstText)), "same code, same SARIF apart from timestamps");
        var first = repo.PathOf("first.sarif");
        File.WriteAllText(first, firstText);

        repo.Write("Shop/Payments.cs", "// added\n// lines\n// above\n" + repo.Read("Shop/Payments.cs"));
        var shifted = repo.PathOf("shifted.sarif");
        repo.Scan("Shop/Shop.csproj", "--sarif", shifted);
        var before = Sarif.Results(Sarif.Load(first)).ToDictionary(r => r["ruleId"]!.GetValue<string>(), r => (Sarif.Fingerprint(r), r["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>()));
        var after = Sarif.Results(Sarif.Load(shifted)).ToDictionary(r => r["ruleId"]!.GetValue<string>(), r => (Sarif.Fingerprint(r), r["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>()));
        Assert.That(before.Keys, Is.EquivalentTo(new[] { "SS1001", "SS1007" }));
        foreach (var (rule, (fingerprint, line)) in before)
        {
            Assert.That(after[rule].Item2, Is.EqualTo(line + 3), rule);
            Assert.That(after[rule].Item1, Is.EqualTo(fingerprint), $"{rule} keeps its fingerprint when lines are inserted above");
        }
    }

    [Test]
    public void RemoteCredentialsAndCardNumbersNeverReachTheFile()
    {
        using var repo = new TempRepo();
        const string token = "ghp_s3cr3tT0kenValue1234567890abcdEFGH";
        repo.Git("remote", "add", "origin", $"https://ci-user:{token}@github.example.com/shop/shop.git");
        repo.Write("Shop/Payments.cs", TempRepo.VulnerableClass("Payments") + """

            public class MoreCards
            {
                private const string Amex = "378734493671000";
                private readonly long _visa = 4916338506082832;
                public string Describe(string pan) => throw new System.Exception($"card 5425233430109903 / {pan}");
            }
            """);
        repo.CommitAll("base");
        var sarif = repo.PathOf("out.sarif");
        var result = repo.Scan("Shop/Shop.csproj", "--sarif", sarif, "--format", "markdown");
        var text = File.ReadAllText(sarif);
        var provenance = Sarif.Load(sarif)["runs"]![0]!["versionControlProvenance"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(provenance["repositoryUri"]!.GetValue<string>(), Is.EqualTo("https://github.example.com/shop/shop.git"));
            Assert.That(provenance["revisionId"]!.GetValue<string>(), Has.Length.EqualTo(40));
            Assert.That(provenance["branch"]!.GetValue<string>(), Is.EqualTo("main"));
            foreach (var output in new[] { text, result.Output, result.Error })
            {
                Assert.That(output, Does.Not.Contain(token).And.Not.Contain("ci-user"));
                Assert.That(FullCardNumbers(output), Is.Empty);
            }

            Assert.That(Sarif.Results(Sarif.Load(sarif)).Count(r => r["ruleId"]!.GetValue<string>() == "SS1007"), Is.EqualTo(4));
        });
    }

    [Test]
    public void SuppressedFindingsAreLeftOutUnlessAsked()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Payments.cs", """
            namespace Shop;

            public class Payments
            {
            #pragma warning disable SS1001 // reviewed: the console is the test harness
                public void Pay(string cardNumber) => System.Console.WriteLine(cardNumber);
            #pragma warning restore SS1001
            }
            """);
        repo.CommitAll("base");
        var hidden = repo.Scan("Shop/Shop.csproj", "--sarif", repo.PathOf("hidden.sarif"));
        var shown = repo.Scan("Shop/Shop.csproj", "--sarif", repo.PathOf("shown.sarif"), "--include-suppressed");
        var shownResults = Sarif.Results(Sarif.Load(repo.PathOf("shown.sarif"))).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(hidden.ExitCode, Is.Zero, hidden.ToString());
            Assert.That(Sarif.Results(Sarif.Load(repo.PathOf("hidden.sarif"))), Is.Empty);
            Assert.That(shown.ExitCode, Is.Zero, "a suppressed finding never fails the gate: " + shown);
            Assert.That(shownResults, Has.Count.EqualTo(1));
            Assert.That(shownResults[0]["suppressions"]![0]!["kind"]!.GetValue<string>(), Is.EqualTo("inSource"));
        });
        Assert.That(Sarif.ValidationErrors(repo.PathOf("shown.sarif")), Is.Empty);
    }

    [Test]
    public void AFindingReachedThroughCallsCarriesItsPathAsRelatedLocations()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Payments.cs", """
            namespace Shop;

            public class Card { public string Number { get; set; } = ""; }

            public class Payments
            {
                public void Pay(Card card) => Audit(card.Number);

                private void Audit(string value) => Write("paying with " + value);

                private static void Write(string line) => System.Console.WriteLine(line);
            }
            """);
        repo.CommitAll("base");
        var sarif = repo.PathOf("out.sarif");
        var result = repo.Scan("Shop/Shop.csproj", "--sarif", sarif);
        var finding = Sarif.Results(Sarif.Load(sarif)).Single(r => r["ruleId"]!.GetValue<string>() == "SS1001");
        var related = finding["relatedLocations"]!.AsArray();
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(finding["message"]!["text"]!.GetValue<string>(), Does.Contain("'Number'").And.Contain("through 'Audit'"));
            Assert.That(finding["locations"]![0]!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>(), Is.EqualTo(7), "reported at the call");
            Assert.That(related.Select(r => r!["physicalLocation"]!["region"]!["startLine"]!.GetValue<int>()), Is.EqualTo(new[] { 9, 11 }), "the call in Audit, then the console write");
            Assert.That(related.Select(r => r!["message"]!["text"]!.GetValue<string>()), Is.EqualTo(new[] { "'Number' is passed on here", "'Number' is written to the log here (Console.WriteLine)" }));
            Assert.That(related.Select(r => r!["physicalLocation"]!["artifactLocation"]!["uri"]!.GetValue<string>()), Is.All.EqualTo("Shop/Payments.cs"));
        });
        Assert.That(Sarif.ValidationErrors(sarif), Is.Empty, "SARIF Multitool validate --rule-kind Sarif;Gh");
    }

    private static string WithoutTimes(string sarif) => Regex.Replace(sarif, "\"(startTimeUtc|endTimeUtc)\": \"[^\"]*\"", "\"$1\": \"\"");

    internal static IEnumerable<string> FullCardNumbers(string text) =>
        Regex.Matches(text, @"\d(?:[ -]?\d){12,18}")
            .Select(m => new string(m.Value.Where(char.IsDigit).ToArray()))
            .Where(d => d.Length is >= 13 and <= 19 && Luhn(d));

    private static bool Luhn(string digits)
    {
        int sum = 0;
        for (int i = 0; i < digits.Length; i++)
        {
            int d = digits[digits.Length - 1 - i] - '0';
            if (i % 2 == 1)
            {
                d = d * 2 > 9 ? (d * 2) - 9 : d * 2;
            }

            sum += d;
        }

        return sum % 10 == 0;
    }
}
