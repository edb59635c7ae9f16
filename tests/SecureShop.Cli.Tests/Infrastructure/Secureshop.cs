using System.Reflection;

namespace SecureShop.Cli.Tests.Infrastructure;

/// <summary>Runs the built `secureshop` as a separate process, as CI would.</summary>
internal static class Secureshop
{
    private static string Metadata(string key) =>
        typeof(Secureshop).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static ProcessRunner.Result Run(string directory, params string[] args) => Run(directory, new Dictionary<string, string?>(), args);

    public static ProcessRunner.Result Run(string directory, IReadOnlyDictionary<string, string?> environment, params string[] args) =>
        ProcessRunner.Run(directory, "dotnet", [Metadata("Cli"), .. args], environment);
}
