using System.Collections.Immutable;
using System.Runtime.InteropServices;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SecureShop.Analyzers.Tests.Infrastructure;

/// <summary>
/// What test compilations are compiled against: the .NET and ASP.NET Core reference assemblies of the
/// SDK that runs the tests (its <c>packs/</c> folder), plus the libraries shops use, taken from this
/// test project's own restore. Nothing is downloaded while tests run: the testing library's
/// <see cref="ReferenceAssemblies"/> is given no package, so its NuGet resolver has nothing to fetch.
/// </summary>
internal static class TestReferences
{
    /// <summary>For the testing library: a target framework and no package (the assemblies come from <see cref="All"/>).</summary>
    public static readonly ReferenceAssemblies Framework = new($"net{Environment.Version.Major}.0");

    /// <summary>Microsoft.NETCore.App.Ref and Microsoft.AspNetCore.App.Ref from the running SDK's packs.</summary>
    public static readonly ImmutableArray<MetadataReference> FrameworkAssemblies = LoadFrameworkAssemblies();

    /// <summary>Stripe, EF Core (and its relational raw-SQL API), JWT bearer, Serilog, NLog, Dapper, SqlClient, Npgsql, MySqlConnector, data protection on EF Core.</summary>
    public static readonly ImmutableArray<MetadataReference> Libraries = LoadLibraries();

    /// <summary>Everything a test compilation references.</summary>
    public static readonly ImmutableArray<MetadataReference> All = FrameworkAssemblies.AddRange(Libraries);

    private static ImmutableArray<MetadataReference> LoadFrameworkAssemblies()
    {
        var packs = ReferencePacks.Locate();
        return packs.Folders
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.dll"))
            .OrderBy(path => path, StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }

    private static ImmutableArray<MetadataReference> LoadLibraries()
    {
        Type[] anchors =
        [
            typeof(Stripe.StripeClient),
            typeof(Microsoft.EntityFrameworkCore.DbContext),
            typeof(Microsoft.EntityFrameworkCore.KeylessAttribute),
            typeof(Microsoft.EntityFrameworkCore.RelationalQueryableExtensions),
            typeof(Microsoft.AspNetCore.Authentication.JwtBearer.JwtBearerOptions),
            typeof(Microsoft.IdentityModel.Tokens.TokenValidationParameters),
            typeof(Microsoft.IdentityModel.JsonWebTokens.JsonWebToken),
            typeof(System.IdentityModel.Tokens.Jwt.JwtSecurityToken),
            typeof(Serilog.Log),
            typeof(NLog.LogManager),
            typeof(Dapper.SqlMapper),
            typeof(Microsoft.Data.SqlClient.SqlConnection),
            typeof(Npgsql.NpgsqlConnectionStringBuilder),
            typeof(MySqlConnector.MySqlConnectionStringBuilder),
            typeof(Microsoft.AspNetCore.DataProtection.EntityFrameworkCoreDataProtectionExtensions),
        ];
        return anchors
            .Select(t => t.Assembly.Location)
            .Distinct(StringComparer.Ordinal)
            .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
            .ToImmutableArray();
    }
}

/// <summary>
/// Finds the reference packs that ship with the .NET SDK (<c>DOTNET_ROOT/packs/NAME/VERSION/ref/netX.0</c>).
/// The version is whatever is installed for the running runtime's major version, newest first; nothing
/// is hard-coded, so a machine with another 10.0.x patch works the same.
/// </summary>
internal sealed record ReferencePacks(string DotNetRoot, ImmutableArray<string> Folders)
{
    public static readonly ImmutableArray<string> PackNames = ["Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref"];

    public static ReferencePacks Locate()
    {
        var tried = new List<string>();
        foreach (var root in CandidateRoots())
        {
            var folders = PackNames.Select(name => NewestPackFolder(root, name)).ToList();
            if (folders.All(folder => folder is not null))
            {
                return new ReferencePacks(root, folders.Select(folder => folder!).ToImmutableArray());
            }

            tried.Add(root);
        }

        throw new InvalidOperationException(
            $"The reference packs {string.Join(" and ", PackNames)} for net{Environment.Version.Major}.0 were not found under "
            + $"packs/ of the .NET installation (looked in: {string.Join(", ", tried.DefaultIfEmpty("no .NET root found"))}). "
            + "Install the .NET SDK (not only the runtime); the test compilations use its reference packs.");
    }

    private static string? NewestPackFolder(string root, string packName)
    {
        var packDirectory = Path.Combine(root, "packs", packName);
        if (!Directory.Exists(packDirectory))
        {
            return null;
        }

        var tfm = $"net{Environment.Version.Major}.0";
        return Directory.EnumerateDirectories(packDirectory)
            .Select(dir => (dir, version: Version.TryParse(StripPrerelease(Path.GetFileName(dir)), out var v) ? v : null))
            .Where(x => x.version is not null && x.version.Major == Environment.Version.Major)
            .OrderByDescending(x => x.version)
            .Select(x => Path.Combine(x.dir, "ref", tfm))
            .FirstOrDefault(folder => Directory.Exists(folder) && Directory.EnumerateFiles(folder, "*.dll").Any());
    }

    private static string StripPrerelease(string version)
    {
        var dash = version.IndexOf('-', StringComparison.Ordinal);
        return dash < 0 ? version : version[..dash];
    }

    private static IEnumerable<string> CandidateRoots()
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        // dotnet test sets DOTNET_HOST_PATH to the dotnet executable that runs the tests.
        var host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        string?[] candidates =
        [
            string.IsNullOrEmpty(host) ? null : Path.GetDirectoryName(ResolveLink(host)),
            Environment.GetEnvironmentVariable("DOTNET_ROOT"),
            // shared/Microsoft.NETCore.App/<version>/ of the running runtime: three levels below the root.
            Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", "..")),
        ];
        foreach (var candidate in candidates)
        {
            if (!string.IsNullOrEmpty(candidate) && seen.Add(Path.GetFullPath(candidate)))
            {
                yield return Path.GetFullPath(candidate);
            }
        }
    }

    private static string ResolveLink(string path)
    {
        var target = new FileInfo(path).ResolveLinkTarget(returnFinalTarget: true);
        return target?.FullName ?? path;
    }
}
