using System.Reflection;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers.Tests.Infrastructure;

namespace SecureShop.Analyzers.Tests;

/// <summary>Every rule has its page in rules/, the page's title matches the descriptor, and every descriptor is reported by an analyzer.</summary>
public class DocumentationTests
{
    public static IEnumerable<TestCaseData> Rules() =>
        RuleCatalog.All.Select(r => new TestCaseData(r.Id).SetName($"RulePage_{r.Id}"));

    [TestCaseSource(nameof(Rules))]
    public void RuleHasPageWhoseTitleMatches(string id)
    {
        var rule = RuleCatalog.Find(id)!;
        var page = Repository.PathOf("rules", id + ".md");
        Assert.That(File.Exists(page), Is.True, $"{id} has no page at rules/{id}.md");
        var firstLine = File.ReadLines(page).First();
        Assert.That(firstLine, Is.EqualTo($"# {id}: {rule.Title}"), $"the title of rules/{id}.md must match the descriptor");
        Assert.That(rule.HelpUri, Does.EndWith($"/rules/{id}.md"));
    }

    [TestCaseSource(nameof(Rules))]
    public void RuleCarriesCweAndPciTags(string id)
    {
        var rule = RuleCatalog.Find(id)!;
        var tags = rule.Descriptor.CustomTags.ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(tags, Does.Contain("security"));
            Assert.That(tags, Does.Contain($"external/cwe/cwe-{rule.Cwe}"));
            // Personal-data rules (SS5xxx) answer to GDPR, not to PCI DSS (RULES.md lists no requirement for them).
            Assert.That(rule.PciDss, rule.Descriptor.Category == "Security.PersonalData" ? Is.Empty : Is.Not.Empty);
            Assert.That(tags.Where(t => t.StartsWith("pci-dss/", StringComparison.Ordinal)), Has.Exactly(rule.PciDss.Count).Items);
            Assert.That(rule.SecuritySeverity, Is.InRange(0.0, 10.0));
        });
    }

    [Test]
    public void EveryPageBelongsToARule()
    {
        var ids = RuleCatalog.All.Select(r => r.Id).ToHashSet();
        var pages = Directory.GetFiles(Repository.PathOf("rules"), "SS*.md").Select(Path.GetFileNameWithoutExtension);
        Assert.That(pages.Where(p => !ids.Contains(p!)), Is.Empty, "rules/ has pages for rules that do not exist");
    }

    [Test]
    public void EveryRuleIsReportedByAnAnalyzerAndEveryAnalyzerRuleIsInTheCatalog()
    {
        var supported = AllAnalyzers.Create().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
        var catalog = RuleCatalog.All.Select(r => r.Id).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(catalog.Except(supported), Is.Empty, "rules without an analyzer");
            Assert.That(supported.Except(catalog), Is.Empty, "analyzer rules missing from the catalog");
        });
    }

    [Test]
    public void ReadmeListsEveryRule()
    {
        var readme = File.ReadAllText(Repository.PathOf("README.md"));
        Assert.That(RuleCatalog.All.Where(r => !readme.Contains($"[{r.Id}](rules/{r.Id}.md)")).Select(r => r.Id), Is.Empty);
    }
}
