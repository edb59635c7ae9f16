using System.Reflection;

namespace SecureShop.Analyzers.Tests.Infrastructure;

internal static class Repository
{
    /// <summary>The repository root, baked in at build time.</summary>
    public static string Root { get; } = typeof(Repository).Assembly
        .GetCustomAttributes<AssemblyMetadataAttribute>()
        .Single(a => a.Key == "RepositoryRoot").Value!;

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);
}
