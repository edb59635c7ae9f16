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
        var consumer = CreateConsumer(editorConfig: null);
        var defaults = Build(consumer);
        Assert.Multiple(() =>
        {
            Assert.That(defaults.Output, Does.Contain("error SS1001"), defaults.ToString());
            Assert.That(defaults.Output, Does.Contain("warning SS1007"), defaults.ToString());
            Assert.That(defaults.ExitCode, Is.Not.Zero, "SS1001 is an error by default");
            Assert.That(SampleTests.FullCardNumbers(defaults.Output), Is.Empty, "the build output must not show the card number");
        });

        var silenced = Build(CreateConsumer("dotnet_diagnostic.SS1001.severity = none"));
        Assert.Multiple(() =>
        {
            Assert.That(silenced.Output, Does.Not.Contain("SS1001"), silenced.ToString());
            Assert.That(silenced.Output, Does.Contain("warning SS1007"), silenced.ToString());
            Assert.That(silenced.ExitCode, Is.Zero, silenced.ToString());
        });

        var raised = Build(CreateConsumer("dotnet_diagnostic.SS1001.severity = none\ndotnet_diagnostic.SS1007.severity = error"));
        Assert.Multiple(() =>
        {
            Assert.That(raised.Output, Does.Contain("error SS1007"), raised.ToString());
            Assert.That(raised.ExitCode, Is.Not.Zero);
        });
    }

    private string CreateConsumer(string? editorConfig)
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

        Directory.Move(dir, Path.Combine(_root, Path.GetFileName(dir)));
        return Path.Combine(_root, Path.GetFileName(dir));
    }

    private DotNetCli.Result Build(string consumer) =>
        DotNetCli.RunWithEnvironment(
            consumer,
            new Dictionary<string, string> { ["NUGET_PACKAGES"] = Path.Combine(_root, "packages") },
            "build", "-nodeReuse:false", "-p:UseSharedCompilation=false");
}
