using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;

namespace SecureShop.Analyzers.Tests.Infrastructure;

/// <summary>
/// What test compilations are compiled against: the .NET and ASP.NET Core reference packs (built from
/// versions this machine's feed has; ReferenceAssemblies.Net.* ask for ones it does not), plus the
/// libraries shops use, taken from this test project's own restore.
/// </summary>
internal static class TestReferences
{
    private const string FrameworkVersion = "10.0.12";

    public static readonly ReferenceAssemblies Framework =
        new ReferenceAssemblies(
                "net10.0",
                new PackageIdentity("Microsoft.NETCore.App.Ref", FrameworkVersion),
                Path.Combine("ref", "net10.0"))
            .AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", FrameworkVersion)));

    /// <summary>Stripe, EF Core, JWT bearer, Serilog, NLog, Dapper, SqlClient, Npgsql, MySqlConnector, data protection on EF Core.</summary>
    public static readonly ImmutableArray<MetadataReference> Libraries = LoadLibraries();

    private static ImmutableArray<MetadataReference> LoadLibraries()
    {
        Type[] anchors =
        [
            typeof(Stripe.StripeClient),
            typeof(Microsoft.EntityFrameworkCore.DbContext),
            typeof(Microsoft.EntityFrameworkCore.KeylessAttribute),
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
