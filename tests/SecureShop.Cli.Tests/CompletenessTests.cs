using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>
/// A gate never passes (or fails) code it did not really analyse: what was not fully analysed is shown in
/// one line each, SARIF says the execution was not successful, and the exit code is 3 unless the user opts
/// into partial results. Real projects, real restores, real git repositories.
/// </summary>
public class CompletenessTests
{
    /// <summary>A net10.0 project with extra properties and items (each a line of MSBuild XML).</summary>
    private static string Project(string properties, string items = "") => $"""
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            {properties}
          </PropertyGroup>
          <ItemGroup>
            {items}
          </ItemGroup>
        </Project>
        """;

    /// <summary>A package that exists nowhere: restore fails with NU1101 in a second, offline or not.</summary>
    private static readonly string ProjectWithMissingPackage = Project("", """<PackageReference Include="SecureShop.Tests.NoSuchPackage" Version="1.0.0" />""");

    [Test]
    public void APackageThatDoesNotRestoreMakesTheScanIncomplete()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Shop.csproj", ProjectWithMissingPackage);
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.CommitAll("a project whose package does not restore");

        var sarif = repo.PathOf("out.sarif");
        var result = repo.Scan("Shop/Shop.csproj", "--sarif", sarif);
        var invocation = Sarif.Load(sarif)["runs"]![0]!["invocations"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Output, Does.Contain("Not fully analysed"), result.ToString());
            Assert.That(result.Output, Does.Contain("Shop: analysed with unresolved references (1 missing package: SecureShop.Tests.NoSuchPackage)"), result.ToString());
            Assert.That(result.Error, Does.Contain("exit 3").And.Contain("--allow-partial"), result.ToString());
            Assert.That(invocation["executionSuccessful"]!.GetValue<bool>(), Is.False);
            Assert.That(
                invocation["toolExecutionNotifications"]!.AsArray().Select(n => n!["message"]!["text"]!.GetValue<string>()),
                Has.Some.Contains("unresolved references"));
        });
        Assert.That(Sarif.ValidationErrors(sarif), Is.Empty);

        var partial = repo.Scan("Shop/Shop.csproj", "--allow-partial");
        Assert.That(partial.ExitCode, Is.EqualTo(1), "findings decide with --allow-partial: " + partial);
        Assert.That(partial.Output, Does.Contain("1 missing package"), partial.ToString());
        Assert.That(partial.Output, Does.Contain("finding(s) in all code"), partial.ToString());
    }

    [Test]
    public void AMissingReferenceWithoutARestoreErrorIsFoundFromTheCompilation()
    {
        using var repo = new TempRepo();
        // An assembly reference that does not exist: restore is happy, the compilation is not.
        repo.Write("Shop/Shop.csproj", Project("", """<Reference Include="Vendor.Payments"> <HintPath>../lib/Vendor.Payments.dll</HintPath> </Reference>"""));
        repo.Write("Shop/Gateway.cs", """
            using Vendor.Payments;

            namespace Shop;

            public class Gateway
            {
                public PaymentClient? Client { get; set; }
            }
            """);
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.CommitAll("a reference that is not there");

        var result = repo.Scan("Shop/Shop.csproj");
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Output, Does.Contain("Shop: analysed with unresolved references (").And.Contain("Vendor"), result.ToString());
    }

    [Test]
    public void RestoreWarningsAreNotLoadFailuresAndShowOnlyWhenVerboseGroupedByCode()
    {
        using var repo = new TempRepo();
        // 1.7.2 is not on this machine's feed, a higher version is: NuGet warns NU1603 and resolves it.
        repo.Write("Shop/Shop.csproj", Project("", """<PackageReference Include="DiffPlex" Version="1.7.2" />"""));
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.CommitAll("a project with a restore warning");

        var sarif = repo.PathOf("out.sarif");
        var quiet = repo.Scan("Shop/Shop.csproj", "--sarif", sarif);
        var markdown = repo.Scan("Shop/Shop.csproj", "--format", "markdown");
        var verbose = repo.Scan("Shop/Shop.csproj", "--verbose");
        var invocation = Sarif.Load(sarif)["runs"]![0]!["invocations"]![0]!;
        Assert.Multiple(() =>
        {
            Assert.That(quiet.ExitCode, Is.EqualTo(1), "the project loaded and was analysed: findings decide. " + quiet);
            Assert.That(quiet.Output + quiet.Error, Does.Not.Contain("Msbuild failed").And.Not.Contain("NU1603").And.Not.Contain("Not fully analysed"), quiet.ToString());
            Assert.That(markdown.Output, Does.Not.Contain("Msbuild failed").And.Not.Contain("NU1603"), markdown.ToString());
            Assert.That(invocation["executionSuccessful"]!.GetValue<bool>(), Is.True);
            Assert.That(
                invocation["toolExecutionNotifications"]!.AsArray().Select(n => n!["level"]!.GetValue<string>()),
                Has.None.EqualTo("error").And.None.EqualTo("warning"));
            Assert.That(verbose.Output, Does.Contain("restore warning NU1603").And.Contain("DiffPlex"), verbose.ToString());
            Assert.That(verbose.Output, Does.Not.Contain("Msbuild failed"), verbose.ToString());
        });
    }

    [Test]
    public void AChangedFileInNoLoadedProjectIsNotAPass()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.CleanClass("Pay"));
        repo.Write("tools/Import.cs", TempRepo.CleanClass("Import"));
        repo.CommitAll("base");
        repo.Git("checkout", "-q", "-b", "feature");
        repo.Write("tools/Import.cs", TempRepo.VulnerableClass("Import"));
        repo.CommitAll("vulnerable code outside any project");

        var result = repo.Scan("Shop/Shop.csproj", "--base", "main");
        var allowed = repo.Scan("Shop/Shop.csproj", "--base", "main", "--allow-partial");
        var excluded = repo.Scan("Shop/Shop.csproj", "--base", "main", "--exclude", "tools/*");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
            Assert.That(result.Output, Does.Contain("tools/Import.cs: changed, but in no loaded project, so not analysed"), result.ToString());
            Assert.That(allowed.ExitCode, Is.EqualTo(0), allowed.ToString());
            Assert.That(allowed.Output, Does.Contain("tools/Import.cs: changed, but in no loaded project"), allowed.ToString());
            Assert.That(excluded.ExitCode, Is.EqualTo(0), "an excluded path is the user's choice: " + excluded);
        });
    }

    [Test]
    public void ADocumentThatDoesNotParseIsReported()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write("Shop/Broken.cs", "namespace Shop;\npublic class Broken\n{\n    public void Run( { int x = ; }\n");
        repo.CommitAll("one document with syntax errors");

        var sarif = repo.PathOf("out.sarif");
        var result = repo.Scan("Shop/Shop.csproj", "--sarif", sarif, "--format", "json");
        var invocation = Sarif.Load(sarif)["runs"]![0]!["invocations"]![0]!;
        var json = System.Text.Json.Nodes.JsonNode.Parse(result.Output)!;
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), "compile errors are reported but the findings decide: " + result);
            Assert.That(json["complete"]!.GetValue<bool>(), Is.False);
            Assert.That(json["coverage"]!.AsArray().Select(c => c!["detail"]!.GetValue<string>()), Has.Some.EqualTo("1 document does not parse"));
            Assert.That(invocation["executionSuccessful"]!.GetValue<bool>(), Is.False);
            Assert.That(
                invocation["toolExecutionNotifications"]!.AsArray().Select(n => n!["message"]!["text"]!.GetValue<string>()),
                Has.Some.EqualTo("Shop: analysed with compile errors (1 document does not parse)"));
        });
        var console = repo.Scan("Shop/Shop.csproj");
        Assert.That(console.Output, Does.Contain("Shop: analysed with compile errors (1 document does not parse)"), console.ToString());
    }

    [Test]
    public void ASolutionFilterLoadsOnlyItsProjects()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write("Admin/Admin.csproj", TempRepo.Project);
        repo.Write("Admin/Report.cs", TempRepo.VulnerableClass("Report"));
        repo.Write("All.slnx", """
            <Solution>
              <Project Path="Shop/Shop.csproj" />
              <Project Path="Admin/Admin.csproj" />
            </Solution>
            """);
        repo.Write("Shop.slnf", """
            {
              "solution": {
                "path": "All.slnx",
                "projects": [ "Shop\\Shop.csproj" ]
              }
            }
            """);
        repo.CommitAll("a solution and a filter");

        var result = repo.Scan("Shop.slnf");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("Shop/Pay.cs(").And.Not.Contain("Admin/"), result.ToString());
            Assert.That(result.Output, Does.Not.Contain("Not fully analysed"), result.ToString());
        });

        repo.Write("Bad.slnf", """{ "solution": { "path": "Missing.sln", "projects": [] } }""");
        var bad = repo.Scan("Bad.slnf");
        Assert.That(bad.ExitCode, Is.EqualTo(2), bad.ToString());
        Assert.That(bad.Error, Does.Contain("Missing.sln"), bad.ToString());
    }

    [Test]
    public void AnOutputPathThatIsADirectoryFailsBeforeTheAnalysis()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write("reports/.keep", "");
        repo.CommitAll("base");

        var sarif = repo.Scan("Shop/Shop.csproj", "--sarif", "reports", "--verbose");
        var baseline = Secureshop.Run(repo.Root, "baseline", "Shop/Shop.csproj", "-o", "reports/");
        Assert.Multiple(() =>
        {
            Assert.That(sarif.ExitCode, Is.EqualTo(2), sarif.ToString());
            Assert.That(sarif.Error, Does.Contain("--sarif 'reports' is a directory"), sarif.ToString());
            Assert.That(sarif.Error, Does.Not.Contain("loading"), "checked before anything is loaded: " + sarif);
            Assert.That(baseline.ExitCode, Is.EqualTo(2), baseline.ToString());
            Assert.That(baseline.Error, Does.Contain("is a directory"), baseline.ToString());
        });
    }

    [Test]
    public void SymlinkLoopsNeitherHangTheWalkNorRepeatAFile()
    {
        using var repo = new TempRepo(withProject: false);
        repo.Write("loose/Payments/Pay.cs", TempRepo.VulnerableClass("Pay"));
        File.CreateSymbolicLink(repo.PathOf("loose/Payments/again"), "..");
        File.CreateSymbolicLink(repo.PathOf("loose/self"), ".");
        Directory.CreateSymbolicLink(repo.PathOf("loose/alias"), repo.PathOf("loose/Payments"));

        var result = repo.Scan("loose");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output, Does.Contain("2 finding(s)"), "one file, two findings, however many links lead to it: " + result);

        // The same under a project folder: the project's own globbing and the tool's walk both end.
        using var project = new TempRepo();
        project.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        File.CreateSymbolicLink(project.PathOf("Shop/loop"), "..");
        var scanned = project.Scan(".");
        Assert.That(scanned.ExitCode, Is.EqualTo(1), scanned.ToString());
        Assert.That(scanned.Output, Does.Contain("2 finding(s)"), scanned.ToString());
    }

    [Test]
    public void AGlobalJsonThatPinsAnSdkNotInstalledIsAClearExit3()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.Write("global.json", """{ "sdk": { "version": "9.0.100", "rollForward": "disable" } }""");
        repo.CommitAll("a repository pinned to an SDK this machine does not have");

        var result = repo.Scan("Shop/Shop.csproj");
        Assert.That(result.ExitCode, Is.EqualTo(3), result.ToString());
        Assert.That(result.Error, Does.Contain("the .NET SDK 9.0.100 that").And.Contain("global.json asks for is not installed"), result.ToString());
        Assert.That(result.Error, Does.Not.Contain("Unhandled exception"), result.ToString());
    }

    [Test]
    public void TheGateIgnoresThePackagesBuildSeverities()
    {
        // The analyzer package gives builds its global config (error rules as warnings); the gate keeps the
        // catalog severity. The project here takes the package's real file the way its targets add it.
        using var repo = new TempRepo();
        var config = File.ReadAllText(Path.Combine(Secureshop.RepositoryRoot, "analyzers/SecureShop.Analyzers/build/SecureShop.Analyzers.BuildSeverity.globalconfig"));
        repo.Write("Shop/package/SecureShop.Analyzers.BuildSeverity.globalconfig", config);
        repo.Write("Shop/Shop.csproj", Project("", """<EditorConfigFiles Include="package/SecureShop.Analyzers.BuildSeverity.globalconfig" />"""));
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.CommitAll("a shop with the package's build severities");

        Assert.That(config, Does.Contain("dotnet_diagnostic.SS1001.severity = warning"));
        var result = repo.Scan("Shop/Shop.csproj");
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Output, Does.Contain("error SS1001"), result.ToString());
    }

    [Test]
    public void TreatWarningsAsErrorsDoesNotPromoteFindings()
    {
        using var repo = new TempRepo();
        repo.Write("Shop/Shop.csproj", Project("<TreatWarningsAsErrors>true</TreatWarningsAsErrors>"));
        repo.Write("Shop/Pay.cs", TempRepo.VulnerableClass("Pay"));
        repo.CommitAll("a repository that builds with warnings as errors");

        var result = repo.Scan("Shop/Shop.csproj", "--fail-on", "error");
        Assert.Multiple(() =>
        {
            // SS1007 (a card number in source) is a warning in the catalog, SS1001 an error.
            Assert.That(result.Output, Does.Contain("warning SS1007"), result.ToString());
            Assert.That(result.Output, Does.Contain("error SS1001"), result.ToString());
        });
    }
}
