using System.Text.RegularExpressions;
using SecureShop.Analyzers.Tests.Infrastructure;

namespace SecureShop.Analyzers.Tests;

/// <summary>The bundled samples, built for real: VulnerableShop reports exactly its expected findings, CleanShop none.</summary>
[NonParallelizable]
public class SampleTests
{
    [Test]
    public void VulnerableShopReportsExactlyTheExpectedFindings()
    {
        var (build, findings) = SampleBuild.Of("VulnerableShop");
        var expected = File.ReadAllLines(Repository.PathOf("samples", "VulnerableShop", "expected-findings.txt"))
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !l.StartsWith('#'))
            .ToList();
        var actual = findings.Where(f => f.RuleId.StartsWith("SS", StringComparison.Ordinal) && !f.Suppressed).Select(f => f.Key).ToList();

        Assert.Multiple(() =>
        {
            Assert.That(actual.Except(expected).Order(), Is.Empty, "reported but not expected");
            Assert.That(expected.Except(actual).Order(), Is.Empty, "expected but not reported");
            Assert.That(actual, Has.Count.EqualTo(expected.Count), "duplicates");
        });
        Assert.That(build.Output, Does.Not.Contain("error CS"), "the sample must compile apart from our findings");
    }

    [Test]
    public void VulnerableShopTripsEveryRule()
    {
        var (_, findings) = SampleBuild.Of("VulnerableShop");
        var fired = findings.Select(f => f.RuleId).ToHashSet();
        Assert.That(RuleCatalog.All.Select(r => r.Id).Where(id => !fired.Contains(id)), Is.Empty, "rules the sample never trips");
    }

    [Test]
    public void CleanShopHasNoFindings()
    {
        var (build, findings) = SampleBuild.Of("CleanShop");
        Assert.That(build.ExitCode, Is.Zero, build.ToString());
        Assert.That(findings.Where(f => f.RuleId.StartsWith("SS", StringComparison.Ordinal)).Select(f => $"{f.Key}: {f.Message}"), Is.Empty);
    }

    [TestCase("VulnerableShop")]
    [TestCase("CleanShop")]
    public void NoAnalyzerFailsOnTheSample(string sample)
    {
        var (build, findings) = SampleBuild.Of(sample);
        Assert.That(findings.Where(f => f.RuleId is "AD0001" or "CS8032" or "CS8784" or "CS8785").Select(f => f.Message), Is.Empty);
        Assert.That(build.Output, Does.Not.Contain("AD0001"));
    }

    /// <summary>Messages never carry a full card number: no Luhn-valid 13-19 digit run in any reported message.</summary>
    [TestCase("VulnerableShop")]
    [TestCase("CleanShop")]
    public void NoMessageContainsAFullCardNumber(string sample)
    {
        var (build, findings) = SampleBuild.Of(sample);
        var texts = findings.Select(f => f.Message).Append(build.Output);
        Assert.That(texts.SelectMany(FullCardNumbers), Is.Empty);
    }

    internal static IEnumerable<string> FullCardNumbers(string text) =>
        Regex.Matches(text, @"\d(?:[ -]?\d){12,18}")
            .Select(m => new string(m.Value.Where(char.IsDigit).ToArray()))
            .Where(d => d.Length is >= 13 and <= 19 && Recognition.CardNumberText.PassesLuhn(d));
}
