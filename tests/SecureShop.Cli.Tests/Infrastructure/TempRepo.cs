namespace SecureShop.Cli.Tests.Infrastructure;

/// <summary>
/// A real git repository in a temp folder holding a small real C# project (no packages, so it restores
/// offline in seconds). Tests write files, commit, branch and rename with the real `git`.
/// </summary>
internal sealed class TempRepo : IDisposable
{
    public TempRepo(bool withProject = true)
    {
        Root = Directory.CreateTempSubdirectory("secureshop-cli-").FullName;
        Git("init", "-q", "-b", "main");
        Git("config", "user.email", "test@example.invalid");
        Git("config", "user.name", "test");
        Git("config", "commit.gpgsign", "false");
        if (withProject)
        {
            Write("Shop/Shop.csproj", Project);
            Write(".gitignore", "bin/\nobj/\n");
        }
    }

    public const string Project = """
        <Project Sdk="Microsoft.NET.Sdk">
          <PropertyGroup>
            <TargetFramework>net10.0</TargetFramework>
            <Nullable>enable</Nullable>
          </PropertyGroup>
        </Project>
        """;

    /// <summary>A class with one card-number literal (SS1007) and one card number written to the console (SS1001).</summary>
    public static string VulnerableClass(string name) => $$"""
        namespace Shop;

        public class {{name}}
        {
            private const string DemoCard = "4556737586899855";

            public void Pay(string cardNumber)
            {
                System.Console.WriteLine("paying with " + cardNumber);
            }
        }
        """;

    public static string CleanClass(string name) => $$"""
        namespace Shop;

        public class {{name}}
        {
            public decimal Total(decimal price, int quantity) => price * quantity;
        }
        """;

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public void Write(string relative, string content)
    {
        var path = PathOf(relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }

    public string Read(string relative) => File.ReadAllText(PathOf(relative));

    public void CommitAll(string message)
    {
        Git("add", "-A");
        Git("commit", "-q", "-m", message);
    }

    public string Git(params string[] args) => ProcessRunner.Expect(0, Root, "git", args).Output.Trim();

    public ProcessRunner.Result Scan(params string[] args) => Secureshop.Run(Root, ["scan", .. args]);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
