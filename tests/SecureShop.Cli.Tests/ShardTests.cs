using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>`scan --shard K/N` splits the projects between CI jobs; `merge` makes one SARIF run of their logs.</summary>
public class ShardTests
{
    [Test]
    public void ThreeShardsMergedHaveExactlyTheResultsOfOneScan()
    {
        using var repo = new TempRepo(withProject: false);
        repo.Write(".gitignore", "bin/\nobj/\n");

        // Four projects of different sizes; Checkout and Admin both compile a shared file, so when they land in
        // different shards its findings are reported twice and the merge must keep them once.
        var projects = new (string Name, int Files, bool Shared)[] { ("Catalog", 1, false), ("Checkout", 3, true), ("Orders", 2, false), ("Admin", 1, true) };
        foreach (var (name, files, shared) in projects)
        {
            var linked = shared ? """<ItemGroup><Compile Include="../Shared/Receipt.cs" Link="Receipt.cs" /></ItemGroup>""" : "";
            repo.Write($"{name}/{name}.csproj", TempRepo.Project.Replace("</Project>", linked + "\n</Project>", StringComparison.Ordinal));
            for (int i = 1; i <= files; i++)
            {
                repo.Write($"{name}/{name}Step{i}.cs", TempRepo.VulnerableClass($"{name}Step{i}"));
            }
        }

        repo.Write("Shared/Receipt.cs", TempRepo.VulnerableClass("Receipt"));
        repo.Write("Shop.slnx", "<Solution>\n" + string.Concat(projects.Select(p => $"  <Project Path=\"{p.Name}/{p.Name}.csproj\" />\n")) + "</Solution>\n");
        repo.CommitAll("shop");

        var single = repo.Scan("Shop.slnx", "--sarif", repo.PathOf("single.sarif"), "--fail-on", "never");
        Assert.That(single.ExitCode, Is.Zero, single.ToString());

        var shardProjects = new List<string>();
        var shardFiles = new List<string>();
        int shardResults = 0;
        for (int k = 1; k <= 3; k++)
        {
            var file = repo.PathOf($"shard-{k}.sarif");
            var shard = repo.Scan("Shop.slnx", "--shard", $"{k}/3", "--sarif", file, "--fail-on", "never", "--verbose");
            Assert.That(shard.ExitCode, Is.Zero, shard.ToString());
            var line = Regex.Match(shard.Error, $@"shard {k}/3: (.+)$", RegexOptions.Multiline);
            Assert.That(line.Success, $"--verbose names the shard's projects:\n{shard}");
            shardProjects.AddRange(line.Groups[1].Value.Split(", "));
            shardFiles.Add(file);
            shardResults += Sarif.Results(Sarif.Load(file)).Count();
        }

        var merged = repo.PathOf("merged.sarif");
        var merge = Secureshop.Run(repo.Root, ["merge", .. shardFiles, "-o", merged]);
        Assert.That(merge.ExitCode, Is.Zero, merge.ToString());
        var log = Sarif.Load(merged);
        var mergedKeys = Keys(log);
        var singleKeys = Keys(Sarif.Load(repo.PathOf("single.sarif")));
        var dropped = int.Parse(Regex.Match(merge.Output, @"\((\d+) duplicate\(s\) dropped\)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Multiple(() =>
        {
            Assert.That(shardProjects, Is.EquivalentTo(projects.Select(p => p.Name)), "each project is in exactly one shard");
            Assert.That(log["runs"]!.AsArray(), Has.Count.EqualTo(1), "one run per category");
            Assert.That(log["runs"]![0]!["invocations"]!.AsArray(), Has.Count.EqualTo(3), "every shard's invocation is kept");
            Assert.That(mergedKeys, Is.EqualTo(singleKeys), "the merged results are the single scan's, each once");
            Assert.That(singleKeys, Has.Count.EqualTo(2 * (1 + 3 + 2 + 1 + 1)), "two findings per file");
            Assert.That(dropped, Is.GreaterThan(0), "the shared file was analysed by two shards");
            Assert.That(shardResults - dropped, Is.EqualTo(mergedKeys.Count));
            Assert.That(Sarif.ValidationErrors(merged), Is.Empty, "the merged log passes the SARIF validator (GitHub rules included)");
        });

        // The merged log can gate too (the shards already did); a missing input is bad usage.
        var gate = Secureshop.Run(repo.Root, ["merge", .. shardFiles, "-o", merged, "--fail-on", "error"]);
        var missing = Secureshop.Run(repo.Root, ["merge", repo.PathOf("shard-9.sarif"), "-o", merged]);
        Assert.Multiple(() =>
        {
            Assert.That(gate.ExitCode, Is.EqualTo(1), "SS1001 is an error: " + gate);
            Assert.That(missing.ExitCode, Is.EqualTo(2), missing.ToString());
            Assert.That(missing.Error, Does.Contain("shard-9.sarif").And.Contain("does not exist"));
        });
    }

    [TestCase("0/3")]
    [TestCase("4/3")]
    [TestCase("two")]
    public void AShardOutsideItsCountIsBadUsage(string shard)
    {
        var result = Secureshop.Run(Path.GetTempPath(), ["scan", "--shard", shard]);
        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Error, Does.Contain("--shard takes K/N"));
    }

    /// <summary>Rule, place and fingerprint of every result, sorted: equal lists mean the same findings, each as often.</summary>
    private static List<string> Keys(JsonNode log) => Sarif.Results(log)
        .Select(r =>
        {
            var location = r["locations"]![0]!["physicalLocation"]!;
            return $"{r["ruleId"]} {location["artifactLocation"]!["uri"]}:{location["region"]!["startLine"]}:{location["region"]!["startColumn"]} {Sarif.Fingerprint(r)}";
        })
        .OrderBy(k => k, StringComparer.Ordinal)
        .ToList();
}
