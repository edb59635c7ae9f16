using Microsoft.CodeAnalysis.Testing;
using F = SecureShop.Analyzers.Tests.Infrastructure.VerifyFix<SecureShop.Analyzers.Crypto.SS2011DatabaseConnectionUnencryptedAnalyzer, SecureShop.Analyzers.CodeFixes.Crypto.SS2011EncryptConnectionCodeFix>;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2011DatabaseConnectionUnencryptedAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2011DatabaseConnectionUnencryptedTests
{
    private const string Unencrypted = "traffic to the database is not encrypted";
    private const string Unverified = "the server certificate is not checked, so anyone on the network path can pose as the database";

    private const string Usings = """
        using System;
        using Microsoft.Data.SqlClient;
        using Microsoft.Extensions.Configuration;
        using Microsoft.Extensions.Hosting;
        using MySqlConnector;
        using Npgsql;

        """;

    private static DiagnosticResult Expected(string what, string consequence, int location = 0) =>
        V.Diagnostic(Descriptors.SS2011DatabaseConnectionUnencrypted).WithLocation(location).WithArguments(what, consequence);

    private static DiagnosticResult Fixable(string what, string consequence, int location = 0) =>
        F.Diagnostic(Descriptors.SS2011DatabaseConnectionUnencrypted).WithLocation(location).WithArguments(what, consequence);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives: literals ----

    [Test]
    public Task SqlConnectionEncryptFalse() => Run("""
        class Orders
        {
            SqlConnection Open() => new SqlConnection({|#0:"Server=sql.shop.example;Database=Orders;User Id=app;Password=Winter2024!;Encrypt=False"|});
        }
        """, Expected("string sets Encrypt=False", Unencrypted));

    [Test]
    public Task ConstantThatLooksLikeAConnectionString() => Run("""
        static class Reporting
        {
            public const string ConnectionString = {|#0:"Data Source=reports.shop.example;Initial Catalog=Reports;Integrated Security=true;TrustServerCertificate=True"|};
        }
        """, Expected("string sets TrustServerCertificate=True", Unverified));

    [Test]
    public Task NpgsqlSslModeDisableWithSpaces() => Run("""
        class Catalog
        {
            NpgsqlDataSource Source() => NpgsqlDataSource.Create({|#0:"Host=pg.shop.example;Username=shop;SSL Mode = Disable"|});
        }
        """, Expected("string sets SSL Mode=Disable", Unencrypted));

    [Test]
    public Task MySqlSslModeNone() => Run("""
        class Loyalty
        {
            MySqlConnection Open() => new MySqlConnection({|#0:"Server=mysql.shop.example;Database=loyalty;SslMode=None"|});
        }
        """, Expected("string sets SslMode=None", Unencrypted));

    [Test]
    public Task VerbatimWithBothProblems() => Run("""
        class Legacy
        {
            const string Cs = {|#0:@"Server=tcp:sql.shop.example,1433;Encrypt=no;TrustServerCertificate=yes"|};
        }
        """, Expected("string sets Encrypt=no, TrustServerCertificate=yes", Unencrypted + ", and " + Unverified));

    [Test]
    public Task NoServerKeyButGivenToAConnection() => Run("""
        class Stock
        {
            void Configure(SqlConnection connection) => connection.ConnectionString = {|#0:"Initial Catalog=Stock;Encrypt=Optional"|};
        }
        """, Expected("string sets Encrypt=Optional", Unencrypted));

    [Test]
    public Task InterpolatedAndRawLiterals() => Run("""""
        class Shards
        {
            NpgsqlConnection Shard(string host) => new NpgsqlConnection({|#0:$"Host={host};Database=shop;sslmode=disable"|});

            const string Analytics = {|#1:""""
                Server=analytics.shop.example;
                Database=events;
                Encrypt=False
                """"|};
        }
        """"", Expected("string sets sslmode=disable", Unencrypted, 0), Expected("string sets Encrypt=False", Unencrypted, 1));

    // ---- positives: builders ----

    [Test]
    public Task SqlBuilderInitializer() => Run("""
        class Orders
        {
            string Cs() => new SqlConnectionStringBuilder { DataSource = "sql.shop.example", {|#0:Encrypt = false|}, {|#1:TrustServerCertificate = true|} }.ConnectionString;
        }
        """,
        Expected("builder sets SqlConnectionStringBuilder.Encrypt = false", Unencrypted, 0),
        Expected("builder sets SqlConnectionStringBuilder.TrustServerCertificate = true", Unverified, 1));

    [Test]
    public Task SqlBuilderEncryptOptional() => Run("""
        class Orders
        {
            string Cs(IConfiguration config)
            {
                var builder = new SqlConnectionStringBuilder(config.GetConnectionString("Orders"));
                {|#0:builder.Encrypt = SqlConnectionEncryptOption.Optional|};
                return builder.ConnectionString;
            }
        }
        """, Expected("builder sets SqlConnectionStringBuilder.Encrypt = SqlConnectionEncryptOption.Optional", Unencrypted));

    [Test]
    public Task BuilderPointedAwayFromLocalhostLater() => Run("""
        class Orders
        {
            string Cs()
            {
                var builder = new SqlConnectionStringBuilder { DataSource = "localhost" };
                builder.DataSource = "sql.shop.example";
                {|#0:builder.Encrypt = false|};
                return builder.ConnectionString;
            }
        }
        """, Expected("builder sets SqlConnectionStringBuilder.Encrypt = false", Unencrypted));

    [Test]
    public Task NpgsqlAndMySqlBuilders() => Run("""
        class Builders
        {
            string Pg() => new NpgsqlConnectionStringBuilder { Host = "pg.shop.example", {|#0:SslMode = SslMode.Disable|} }.ConnectionString;

            string My()
            {
                var b = new MySqlConnectionStringBuilder("Server=mysql.shop.example");
                {|#1:b.SslMode = MySqlSslMode.None|};
                return b.ConnectionString;
            }
        }
        """,
        Expected("builder sets NpgsqlConnectionStringBuilder.SslMode = SslMode.Disable", Unencrypted, 0),
        Expected("builder sets MySqlConnectionStringBuilder.SslMode = MySqlSslMode.None", Unencrypted, 1));

    // ---- negatives ----

    [Test]
    public Task EncryptedSettings() => Run("""
        class Safe
        {
            const string A = "Server=sql.shop.example;Encrypt=True;TrustServerCertificate=False";
            const string B = "Server=sql.shop.example;Encrypt=Strict;TrustServerCertificate=True";
            const string C = "Server=sql.shop.example;Encrypt=Mandatory";
            const string D = "Host=pg.shop.example;SslMode=Require";
            const string E = "Host=pg.shop.example;SSL Mode=VerifyFull";
            string G() => new SqlConnectionStringBuilder { DataSource = "sql.shop.example", Encrypt = true, TrustServerCertificate = false }.ConnectionString;
            string H() => new SqlConnectionStringBuilder { DataSource = "sql.shop.example", Encrypt = SqlConnectionEncryptOption.Strict, TrustServerCertificate = true }.ConnectionString;
            string I() => new NpgsqlConnectionStringBuilder { Host = "pg.shop.example", SslMode = SslMode.VerifyFull }.ConnectionString;
        }
        """);

    /// <summary>Prefer/Preferred are both drivers' defaults: reporting the explicit value and not the absent key would be arbitrary.</summary>
    [Test]
    public Task PreferModesAreTheDriversDefaults() => Run("""
        class Defaults
        {
            const string Pg = "Host=pg.shop.example;SSL Mode=Prefer";
            const string My = "Server=mysql.shop.example;SslMode=Preferred";
            string Builder() => new MySqlConnectionStringBuilder { Server = "mysql.shop.example", SslMode = MySqlSslMode.Preferred }.ConnectionString;
        }
        """);

    [Test]
    public Task LocalServers() => Run("""
        class Local
        {
            const string A = "Server=localhost;Database=shop;Encrypt=False";
            const string B = "Server=127.0.0.1,1433;Encrypt=False";
            const string C = @"Server=(localdb)\MSSQLLocalDB;Database=shop;TrustServerCertificate=True";
            const string D = "Data Source=.;Initial Catalog=shop;Encrypt=False";
            const string E = "Data Source=(local);Encrypt=no";
            const string F = "Host=/var/run/postgresql;Database=shop;SslMode=Disable";
            const string G = @"Server=.\SQLEXPRESS;Encrypt=False";
            const string H = "Host=localhost:5432;SslMode=Disable";
            string I() => new SqlConnectionStringBuilder { DataSource = "localhost", Encrypt = false }.ConnectionString;
            string J() => new NpgsqlConnectionStringBuilder("Host=localhost") { SslMode = SslMode.Disable }.ConnectionString;
        }
        """);

    [Test]
    public Task DevelopmentOnly() => Run("""
        class Setup
        {
            string Cs(IHostEnvironment env, IConfiguration config)
            {
                if (env.IsDevelopment())
                {
                    return "Server=dev-sql.internal;Database=shop;TrustServerCertificate=True";
                }

                return env.IsDevelopment() ? "Server=dev-sql.internal;Encrypt=False" : config.GetConnectionString("Shop")!;
            }
        }
        """);

    [Test]
    public Task TextsThatOnlyMentionTheWords() => Run("""
        class Guard
        {
            void Check(string cs)
            {
                if (cs.Contains("Encrypt=False", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException("Encrypt=False is not allowed");
                }

                Console.WriteLine("Connection failed: set TrustServerCertificate=True only for local testing");
            }
        }
        """);

    [Test]
    public Task ConnectionStringsFromConfiguration() => Run("""
        class FromConfig
        {
            SqlConnection Open(IConfiguration config) => new SqlConnection(config.GetConnectionString("Orders"));
            NpgsqlConnection Pg(IConfiguration config) => new NpgsqlConnection(config["ConnectionStrings:Catalog"]);
        }
        """);

    // ---- broken code ----

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class Broken
        {
            const string Cs = {|#0:"Server=sql.shop.example;Encrypt=False"|};
            SqlConnection Open() => new SqlConnection(
            void M() { var b = new SqlConnectionStringBuilder { Encrypt = , {|#1:TrustServerCertificate = true|}
        """,
        Expected("string sets Encrypt=False", Unencrypted, 0),
        Expected("builder sets SqlConnectionStringBuilder.TrustServerCertificate = true", Unverified, 1));

    // ---- code fix ----

    [Test]
    public Task FixFlipsEveryKeywordInTheDocument() => F.FixAsync(Usings + """""
        class Connections
        {
            const string Orders = {|#0:"Server=sql.shop.example;Database=Orders;Encrypt=False"|};
            const string Legacy = {|#1:@"Data Source=tcp:sql.shop.example,1433;Encrypt = no ; TrustServerCertificate=YES;Application Name=shop"|};
            const string Catalog = {|#2:"Host=pg.shop.example;SSL Mode=Disable"|};
            const string Loyalty = {|#3:"Server=mysql.shop.example;SslMode=none"|};
            const string Analytics = {|#4:""""
                Server=analytics.shop.example;
                Encrypt=False
                """"|};

            NpgsqlConnection Shard(string host) => new NpgsqlConnection({|#5:$"Host={host};sslmode=disable;Database=shop"|});

            string Builder() => new SqlConnectionStringBuilder { DataSource = "sql.shop.example", {|#6:Encrypt = false|}, {|#7:TrustServerCertificate = true|} }.ConnectionString;

            string Pg() => new NpgsqlConnectionStringBuilder { Host = "pg.shop.example", {|#8:SslMode = SslMode.Disable|} }.ConnectionString;

            string My() => new MySqlConnectionStringBuilder { Server = "mysql.shop.example", {|#9:SslMode = MySqlSslMode.None|} }.ConnectionString;
        }
        """"", Usings + """""
        class Connections
        {
            const string Orders = "Server=sql.shop.example;Database=Orders;Encrypt=True";
            const string Legacy = @"Data Source=tcp:sql.shop.example,1433;Encrypt = yes ; TrustServerCertificate=NO;Application Name=shop";
            const string Catalog = "Host=pg.shop.example;SSL Mode=Require";
            const string Loyalty = "Server=mysql.shop.example;SslMode=required";
            const string Analytics = """"
                Server=analytics.shop.example;
                Encrypt=True
                """";

            NpgsqlConnection Shard(string host) => new NpgsqlConnection($"Host={host};sslmode=require;Database=shop");

            string Builder() => new SqlConnectionStringBuilder { DataSource = "sql.shop.example", Encrypt = true, TrustServerCertificate = false }.ConnectionString;

            string Pg() => new NpgsqlConnectionStringBuilder { Host = "pg.shop.example", SslMode = SslMode.Require }.ConnectionString;

            string My() => new MySqlConnectionStringBuilder { Server = "mysql.shop.example", SslMode = MySqlSslMode.Required }.ConnectionString;
        }
        """"",
        Fixable("string sets Encrypt=False", Unencrypted, 0),
        Fixable("string sets Encrypt=no, TrustServerCertificate=YES", Unencrypted + ", and " + Unverified, 1),
        Fixable("string sets SSL Mode=Disable", Unencrypted, 2),
        Fixable("string sets SslMode=none", Unencrypted, 3),
        Fixable("string sets Encrypt=False", Unencrypted, 4),
        Fixable("string sets sslmode=disable", Unencrypted, 5),
        Fixable("builder sets SqlConnectionStringBuilder.Encrypt = false", Unencrypted, 6),
        Fixable("builder sets SqlConnectionStringBuilder.TrustServerCertificate = true", Unverified, 7),
        Fixable("builder sets NpgsqlConnectionStringBuilder.SslMode = SslMode.Disable", Unencrypted, 8),
        Fixable("builder sets MySqlConnectionStringBuilder.SslMode = MySqlSslMode.None", Unencrypted, 9));

    [Test]
    public Task FixEncryptOptionToMandatory() => F.FixAsync(Usings + """
        class Orders
        {
            void Harden(SqlConnectionStringBuilder builder) => {|#0:builder.Encrypt = SqlConnectionEncryptOption.Optional|};
        }
        """, Usings + """
        class Orders
        {
            void Harden(SqlConnectionStringBuilder builder) => builder.Encrypt = SqlConnectionEncryptOption.Mandatory;
        }
        """, Fixable("builder sets SqlConnectionStringBuilder.Encrypt = SqlConnectionEncryptOption.Optional", Unencrypted));

    [Test]
    public Task NoFixForAnEnumMemberImportedWithUsingStatic()
    {
        const string source = Usings + """
            using static Npgsql.SslMode;

            class Catalog
            {
                void Weaken(NpgsqlConnectionStringBuilder builder) => {|#0:builder.SslMode = Disable|};
            }
            """;
        return F.FixAsync(source, source, Fixable("builder sets NpgsqlConnectionStringBuilder.SslMode = Disable", Unencrypted));
    }
}
