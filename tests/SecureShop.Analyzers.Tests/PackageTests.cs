using System.IO.Compression;
using System.Xml.Linq;
using SecureShop.Analyzers.Tests.Infrastructure;

namespace SecureShop.Analyzers.Tests;

/// <summary>
/// The NuGet package as a shop gets it: packed for real, referenced with one PackageReference from a
/// project in a temp folder, built with <c>dotnet build</c>, and configured through <c>.editorconfig</c>.
/// </summary>
[NonParallelizable]
public class PackageTests
{
    private string _root = null!;
    private string _feed = null!;
    private string _version = null!;

    [OneTimeSetUp]
    public void PackOnce()
    {
        _root = Directory.CreateTempSubdirectory("secureshop-pack-").FullName;
        _feed = Path.Combine(_root, "feed");
        // A version of its own, so no package cache can answer with an older build.
        _version = $"0.1.0-test{DateTime.UtcNow:yyyyMMddHHmmss}";
        var pack = DotNetCli.Run(
            Repository.Root,
            "pack",
            "analyzers/SecureShop.Analyzers/SecureShop.Analyzers.csproj",
            "-c", "Release",
            "-o", _feed,
            $"-p:Version={_version}",
            "-nodeReuse:false");
        Assert.That(pack.ExitCode, Is.Zero, pack.ToString());
    }

    [OneTimeTearDown]
    public void CleanUp() => Directory.Delete(_root, recursive: true);

    private string PackagePath => Path.Combine(_feed, $"SecureShop.Analyzers.{_version}.nupkg");

    [Test]
    public void PackageHoldsTheAnalyzersAndNoRuntimeAssembly()
    {
        using var zip = ZipFile.OpenRead(PackagePath);
        var entries = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Multiple(() =>
        {
            Assert.That(entries, Does.Contain("analyzers/dotnet/cs/SecureShop.Analyzers.dll"));
            Assert.That(entries, Does.Contain("analyzers/dotnet/cs/SecureShop.Analyzers.CodeFixes.dll"));
            Assert.That(entries, Does.Contain("build/SecureShop.Analyzers.props"));
            Assert.That(entries, Does.Contain("build/SecureShop.Analyzers.targets").And.Contain("buildTransitive/SecureShop.Analyzers.targets"));
            Assert.That(entries, Does.Contain($"build/{BuildSeverityConfig}").And.Contain($"buildTransitive/{BuildSeverityConfig}"));
            Assert.That(entries.Where(e => e.StartsWith("lib/", StringComparison.Ordinal)), Is.Empty);
        });

        var nuspecEntry = zip.Entries.Single(e => e.FullName.EndsWith(".nuspec", StringComparison.Ordinal));
        using var stream = nuspecEntry.Open();
        var nuspec = XDocument.Load(stream);
        var ns = nuspec.Root!.GetDefaultNamespace();
        var metadata = nuspec.Root.Element(ns + "metadata")!;
        Assert.Multiple(() =>
        {
            Assert.That(metadata.Element(ns + "developmentDependency")?.Value, Is.EqualTo("true"));
            Assert.That(metadata.Element(ns + "dependencies")?.Elements().ToList() ?? [], Is.Empty, "an analyzer package has no runtime dependency");
        });
    }

    [Test]
    public void ConsumerBuildReportsFindingsAndHonoursEditorConfig()
    {
        var defaults = Build(CreateConsumer(editorConfig: null));
        Assert.Multiple(() =>
        {
            Assert.That(defaults.Output, Does.Contain("warning SS1001"), defaults.ToString());
            Assert.That(defaults.Output, Does.Contain("warning SS1007"), defaults.ToString());
            Assert.That(defaults.ExitCode, Is.Zero, "adding the package does not break the build: SS1001 (an error in the catalog) builds as a warning");
            Assert.That(SampleTests.FullCardNumbers(defaults.Output), Is.Empty, "the build output must not show the card number");
        });

        var silenced = Build(CreateConsumer("dotnet_diagnostic.SS1001.severity = none"));
        Assert.Multiple(() =>
        {
            Assert.That(silenced.Output, Does.Not.Contain("SS1001"), silenced.ToString());
            Assert.That(silenced.Output, Does.Contain("warning SS1007"), silenced.ToString());
            Assert.That(silenced.ExitCode, Is.Zero, silenced.ToString());
        });

        // The user's own severities win over the package's build defaults, in .editorconfig and in a .globalconfig.
        var raised = Build(CreateConsumer("dotnet_diagnostic.SS1001.severity = error\ndotnet_diagnostic.SS1007.severity = error"));
        var raisedGlobally = Build(CreateConsumer(editorConfig: null, globalConfig: "dotnet_diagnostic.SS1001.severity = error"));
        Assert.Multiple(() =>
        {
            Assert.That(raised.Output, Does.Contain("error SS1001").And.Contain("error SS1007"), raised.ToString());
            Assert.That(raised.ExitCode, Is.Not.Zero);
            Assert.That(raisedGlobally.Output, Does.Contain("error SS1001").And.Contain("warning SS1007"), raisedGlobally.ToString());
            Assert.That(raisedGlobally.ExitCode, Is.Not.Zero);
        });
    }

    [Test]
    public void TreatWarningsAsErrorsDoesNotTurnSecureShopWarningsIntoErrorsByDefault()
    {
        const string strict = "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>";
        var build = Build(CreateConsumer(editorConfig: null, properties: strict));
        var msbuildSwitch = Build(CreateConsumer(editorConfig: null), "-warnaserror");
        var named = Build(CreateConsumer(editorConfig: null, properties: strict + "<WarningsAsErrors>$(WarningsAsErrors);SS1007</WarningsAsErrors>"));
        Assert.Multiple(() =>
        {
            Assert.That(named.ExitCode, Is.Not.Zero, named.ToString());
            Assert.That(named.Output, Does.Contain("error SS1007").And.Contain("warning SS1001"), "a rule named in WarningsAsErrors is an error: " + named);
            Assert.That(build.ExitCode, Is.Zero, build.ToString());
            Assert.That(build.Output, Does.Contain("warning SS1001").And.Contain("warning SS1007"), build.ToString());
            Assert.That(msbuildSwitch.ExitCode, Is.Zero, msbuildSwitch.ToString());
            Assert.That(msbuildSwitch.Output, Does.Contain("warning SS1001"), msbuildSwitch.ToString());
        });
    }

    [Test]
    public void OptingIntoCatalogSeveritiesFailsTheBuildOnErrors()
    {
        const string optIn = "<SecureShopBuildSeverity>catalog</SecureShopBuildSeverity>";
        var catalog = Build(CreateConsumer(editorConfig: null, properties: optIn));
        var strict = Build(CreateConsumer(editorConfig: null, properties: optIn + "<TreatWarningsAsErrors>true</TreatWarningsAsErrors>"));
        var lowered = Build(CreateConsumer("dotnet_diagnostic.SS1001.severity = warning", properties: optIn));
        var misspelt = Build(CreateConsumer(editorConfig: null, properties: "<SecureShopBuildSeverity>errors</SecureShopBuildSeverity>"));
        Assert.Multiple(() =>
        {
            Assert.That(catalog.ExitCode, Is.Not.Zero, catalog.ToString());
            Assert.That(catalog.Output, Does.Contain("error SS1001").And.Contain("warning SS1007"), catalog.ToString());
            Assert.That(strict.ExitCode, Is.Not.Zero, strict.ToString());
            Assert.That(strict.Output, Does.Contain("error SS1001").And.Contain("error SS1007"), "opted in, TreatWarningsAsErrors applies to SecureShop warnings too: " + strict);
            Assert.That(lowered.ExitCode, Is.Zero, lowered.ToString());
            Assert.That(lowered.Output, Does.Contain("warning SS1001"), lowered.ToString());
            Assert.That(misspelt.ExitCode, Is.Not.Zero, misspelt.ToString());
            Assert.That(misspelt.Output, Does.Contain("SECURESHOP001").And.Contain("'errors'"), misspelt.ToString());
        });
    }

    [Test]
    public void BuildSeverityFilesFollowTheCatalog()
    {
        var build = Repository.PathOf("analyzers", "SecureShop.Analyzers", "build");
        var lowered = File.ReadAllLines(Path.Combine(build, BuildSeverityConfig))
            .Select(l => System.Text.RegularExpressions.Regex.Match(l, @"^dotnet_diagnostic\.(SS\d+)\.severity = warning$"))
            .Where(m => m.Success)
            .Select(m => m.Groups[1].Value);
        var targets = XDocument.Load(Path.Combine(build, "SecureShop.Analyzers.targets"));
        var notAsErrors = targets.Descendants("_SecureShopRuleIds").Single().Value.Split(';');
        Assert.Multiple(() =>
        {
            Assert.That(lowered, Is.EquivalentTo(RuleCatalog.All.Where(r => r.Descriptor.DefaultSeverity == Microsoft.CodeAnalysis.DiagnosticSeverity.Error).Select(r => r.Id)),
                $"{BuildSeverityConfig} lowers exactly the rules whose catalog severity is error");
            Assert.That(notAsErrors, Is.EquivalentTo(RuleCatalog.All.Select(r => r.Id)), "every rule is kept out of TreatWarningsAsErrors by default");
        });
    }

    /// <summary>The package's build-severity file; the secureshop CLI leaves it out when it decides severities.</summary>
    private const string BuildSeverityConfig = "SecureShop.Analyzers.BuildSeverity.globalconfig";

    private string CreateConsumer(string? editorConfig, string properties = "", string? globalConfig = null)
    {
        var dir = Directory.CreateTempSubdirectory("consumer-").FullName;
        File.WriteAllText(Path.Combine(dir, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="secureshop-test-feed" value="{_feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(dir, "Shop.csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                {properties}
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="SecureShop.Analyzers" Version="{_version}" PrivateAssets="all" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(dir, "Checkout.cs"), """
            using System;

            public class PaymentRequest
            {
                public string CardNumber { get; set; } = "";
                public string CardholderName { get; set; } = "";
            }

            public class Checkout
            {
                private const string DemoCard = "4556737586899855";

                public void Pay(PaymentRequest request)
                {
                    Console.WriteLine($"Paying with {request.CardNumber} for {request.CardholderName}");
                }
            }
            """);
        if (editorConfig is not null)
        {
            File.WriteAllText(Path.Combine(dir, ".editorconfig"), $"root = true\n\n[*.cs]\n{editorConfig}\n");
        }

        if (globalConfig is not null)
        {
            File.WriteAllText(Path.Combine(dir, ".globalconfig"), $"is_global = true\n{globalConfig}\n");
        }

        Directory.Move(dir, Path.Combine(_root, Path.GetFileName(dir)));
        return Path.Combine(_root, Path.GetFileName(dir));
    }

    private DotNetCli.Result Build(string consumer, params string[] extraArguments) =>
        DotNetCli.RunWithEnvironment(
            consumer,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") },
            ["build", "-nodeReuse:false", "-p:UseSharedCompilation=false", .. extraArguments]);
}
