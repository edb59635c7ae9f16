using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers.Tests.Infrastructure;

namespace SecureShop.Analyzers.Tests;

/// <summary>
/// Every analyzer over code that is broken in many ways, and over both samples: no analyzer may throw
/// (AD0001), and no message may carry a full card number.
/// </summary>
public class RobustnessTests
{
    private static readonly string[] s_brokenFiles =
    [
        "",
        "class",
        "class C { void M() { var s = \"4556737586899855",
        "class C { string M(string cardNumber) => $\"{cardNumber",
        "using Microsoft.Extensions.Logging; class C { void M(ILogger l, string pan) { l.LogInformation(pan, ",
        "public record R(string CardNumber, ",
        "public class E : Microsoft.EntityFrameworkCore.DbContext { public Microsoft.EntityFrameworkCore.DbSet<> X => Set<>(); }",
        "public class E : Microsoft.EntityFrameworkCore.DbContext { protected override void OnModelCreating(Microsoft.EntityFrameworkCore.ModelBuilder b) => b.Entity<Missing>().Property(x => x.).HasConversion(; }",
        "class C : Microsoft.AspNetCore.Mvc.Controller { public Microsoft.AspNetCore.Mvc.IActionResult M(string cvv) => RedirectToAction(\"x\", new { cvv, }; ",
        "class C { void M(dynamic d, string pan) { d.Log(pan); d.ViewBag.X = pan; } }",
        "class C { void M(UnknownType t) { t.CardNumber = t.Cvv + 4111111111111111; System.Console.WriteLine(t); } }",
        "#if DEBUG\nclass C { void M(string pan) { System.Console.WriteLine(pan); }\n",
        "class C { string M(string pan) { var a = pan; var b = a; a = b; b = a + b; return a; } void N(string pan) => System.Console.WriteLine(M(pan) + pan); }",
        "class C { void M(string pan) { var sb = new System.Text.StringBuilder(); sb.Append(sb).Append(pan); System.Console.WriteLine(sb.ToString()); } }",
        "class C { void M(string pan) => throw new System.Exception(string.Format(null, pan)); }",
        "class C { void M(System.Net.Http.HttpClient h, string pan) => h.PostAsync(new System.Uri(\"http://\"), null); }",
        "class C { void M(System.Net.Http.HttpClient h, string pan) => h.PostAsync(\"http://[::1\", new System.Net.Http.StringContent(pan)); }",
        "[CreditCard(] class C { [CreditCard] string x; }",
        "class C { void M(string pan) { System.Console.WriteLine(pan[..^]); System.Console.WriteLine(pan.Substring()); } }",
        "namespace N { record struct P(string Pan) { public override string ToString( } }",
        "class C<T> where T : Missing { T CardNumber; void M() => System.Console.WriteLine(CardNumber); }",
        "class C { void M(string pan) { System.Func<string> f = () => { return pan; }; Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions.MapGet(null!, \"/\", () => pan); } }",
        "class C { object M(string cardNumber) => new { cardNumber, nested = new { cvv = cardNumber } }; void N() => Dapper.SqlMapper.Execute(null!, \"\", M(\"\")); }",
        string.Concat(Enumerable.Repeat("class C { string M(string pan) => ", 1)) + string.Concat(Enumerable.Repeat("(pan + ", 300)) + "pan" + new string(')', 300) + "; }",
    ];

    public static IEnumerable<TestCaseData> BrokenFiles() =>
        s_brokenFiles.Select((source, i) => new TestCaseData(i, source).SetName($"BrokenFile_{i:D2}"));

    [TestCaseSource(nameof(BrokenFiles))]
    public async Task NoAnalyzerThrowsOnBrokenCode(int index, string source)
    {
        var diagnostics = await RunAllAnalyzersAsync([CSharpSyntaxTree.ParseText(source, path: $"Broken{index}.cs")]);
        Assert.That(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()), Is.Empty);
    }

    [TestCase("VulnerableShop")]
    [TestCase("CleanShop")]
    public async Task NoAnalyzerThrowsOnTheSampleSourcesEvenWithoutTheirProject(string sample)
    {
        // The samples compiled ad hoc, without their project's implicit usings: many unresolved names.
        var trees = Directory.GetFiles(Repository.PathOf("samples", sample), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => CSharpSyntaxTree.ParseText(File.ReadAllText(f), path: f))
            .ToList();
        Assert.That(trees, Is.Not.Empty);
        var diagnostics = await RunAllAnalyzersAsync(trees);
        Assert.That(diagnostics.Where(d => d.Id == "AD0001").Select(d => d.GetMessage()), Is.Empty);
    }

    /// <summary>Card numbers everywhere a message could pick one up: no message may repeat one in full.</summary>
    [Test]
    public async Task NoMessageCarriesAFullCardNumber()
    {
        const string source = """
            using Microsoft.Extensions.Logging;
            public record Card(string CardNumber);
            class C : Microsoft.AspNetCore.Mvc.ControllerBase
            {
                const string Pan = "4556737586899855";
                const long Numeric = 5425233430109903;
                string Spaced = "4556 7375 8689 9855";
                string Amex = "3714-496353-98431";
                public string Get(ILogger logger, string cardNumber)
                {
                    logger.LogInformation("card 4556737586899855 and {Card}", cardNumber);
                    System.Console.WriteLine($"cvv for 5425233430109903: {cardNumber}");
                    throw new System.Exception("declined 4556737586899855 " + cardNumber);
                }
            }
            """;
        var diagnostics = await RunAllAnalyzersAsync([CSharpSyntaxTree.ParseText(source, path: "Cards.cs")]);
        var ours = diagnostics.Where(d => d.Id.StartsWith("SS", StringComparison.Ordinal)).ToList();
        Assert.That(ours.Select(d => d.Id), Does.Contain("SS1007").And.Contain("SS1001"));
        Assert.That(ours.SelectMany(d => SampleTests.FullCardNumbers(d.GetMessage())), Is.Empty);
    }

    private static async Task<ImmutableArray<Diagnostic>> RunAllAnalyzersAsync(IEnumerable<SyntaxTree> trees)
    {
        var compilation = CSharpCompilation.Create(
            "Robustness",
            trees,
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        var exceptions = new List<string>();
        var options = new CompilationWithAnalyzersOptions(
            new AnalyzerOptions([]),
            onAnalyzerException: (exception, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name}: {exception}"),
            concurrentAnalysis: true,
            logAnalyzerExecutionTime: false);
        var diagnostics = await compilation.WithAnalyzers(AllAnalyzers.Create(), options).GetAnalyzerDiagnosticsAsync();
        Assert.That(exceptions, Is.Empty);
        return diagnostics;
    }
}
