using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>
/// A pull-request scan of a solution loads only the projects that hold a changed C# file (with what they
/// reference), and falls back to the whole solution whenever that could leave a change unanalysed.
/// </summary>
public class ScopedLoadTests
{
    private const string NewLog = "System.Console.WriteLine(\"debug \" + cardNumber);";

    private static TempRepo Solution()
    {
        var repo = new TempRepo(withProject: false);
        repo.Write(".gitignore", "bin/\nobj/\n");
        repo.Write("Catalog/Catalog.csproj", TempRepo.Project);
        repo.Write("Catalog/Product.cs", TempRepo.CleanClass("Product"));

        // Catalog keeps Legacy.cs out of its own compilation; Checkout compiles it, and a file of a folder with no project.
        repo.Write("Catalog/Legacy.cs", TempRepo.CleanClass("Legacy"));
        repo.Write("Catalog/Catalog.csproj", TempRepo.Project.Replace("</Project>", """<ItemGroup><Compile Remove="Legacy.cs" /></ItemGroup></Project>""", StringComparison.Ordinal));
        repo.Write("Checkout/Checkout.csproj", TempRepo.Project.Replace("</Project>", """
            <ItemGroup>
              <ProjectReference Include="../Catalog/Catalog.csproj" />
              <Compile Include="../Catalog/Legacy.cs" Link="Legacy.cs" />
              <Compile Include="../Shared/Receipt.cs" Link="Receipt.cs" />
            </ItemGroup>
            </Project>
            """, StringComparison.Ordinal));
        repo.Write("Checkout/Pay.cs", TempRepo.CleanClass("Pay"));
        repo.Write("Shared/Receipt.cs", TempRepo.CleanClass("Receipt"));
        repo.Write("Orders/Orders.csproj", TempRepo.Project);
        repo.Write("Orders/Order.cs", TempRepo.CleanClass("Order"));
        repo.Write("Shop.sln", Sln("Catalog", "Checkout", "Orders"));
        repo.CommitAll("shop");
        repo.Git("checkout", "-q", "-b", "feature");
        return repo;
    }

    private static string Sln(params string[] projects) =>
        "Microsoft Visual Studio Solution File, Format Version 12.00\n" +
        string.Concat(projects.Select((p, i) => $"Project(\"{{9A19103F-16F7-4668-BE54-9A1E7A4F7556}}\") = \"{p}\", \"{p}\\{p}.csproj\", \"{{00000000-0000-0000-0000-00000000000{i + 1}}}\"\nEndProject\n")) +
        "Global\nEndGlobal\n";

    private static string WithLog(string name) => TempRepo.CleanClass(name).Replace(
        "public decimal Total(decimal price, int quantity) => price * quantity;",
        "public void Log(string cardNumber) { " + NewLog + " }",
        StringComparison.Ordinal);

    [Test]
    public void AChangeInOneProjectLoadsOnlyThatProjectAndWhatItReferences()
    {
        using var repo = Solution();
        repo.Write("Checkout/Pay.cs", WithLog("Pay"));
        var result = repo.Scan("Shop.sln", "--base", "main", "--verbose");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
            Assert.That(result.Output, Does.Contain("Checkout/Pay.cs(").And.Contain("SS1001"), result.ToString());
            Assert.That(result.Error, Does.Contain("loaded 1 of 3 project(s) of Shop.sln"), result.ToString());
            Assert.That(result.Error, Does.Not.Contain("Orders.csproj"), "Orders holds no change and is not loaded:\n" + result);
        });
    }

    [TestCase("Shared/Receipt.cs", "is below no project folder")]
    [TestCase("Catalog/Legacy.cs", "in none of the projects loaded for them")]
    public void AChangeTheFolderLayoutDoesNotPlaceLoadsTheWholeSolution(string file, string why)
    {
        using var repo = Solution();
        repo.Write(file, WithLog(Path.GetFileNameWithoutExtension(file)));
        var result = repo.Scan("Shop.sln", "--base", "main", "--verbose");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.EqualTo(1), "the change is analysed, through Checkout: " + result);
            Assert.That(result.Output, Does.Contain(file + "(").And.Contain("SS1001"), result.ToString());
            Assert.That(result.Error, Does.Contain(why).And.Contain("loading the whole solution"), result.ToString());
        });
    }

    [Test]
    public void NoChangedCSharpFileLoadsNoProject()
    {
        using var repo = Solution();
        repo.Write("README.md", "docs only\n");
        var result = repo.Scan("Shop.sln", "--base", "main", "--verbose");
        Assert.Multiple(() =>
        {
            Assert.That(result.ExitCode, Is.Zero, result.ToString());
            Assert.That(result.Error, Does.Contain("no changed C# file: no project of Shop.sln is loaded"), result.ToString());
            Assert.That(result.Output, Does.Contain("0 finding(s) in new code"), result.ToString());
        });
    }
}
