using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Crypto.SS2012DataProtectionKeysUnprotectedAnalyzer>;

namespace SecureShop.Analyzers.Tests.Crypto;

public class SS2012DataProtectionKeysUnprotectedTests
{
    /// <summary>
    /// The Redis and Azure data-protection packages are not among the test references: stand-ins with their namespaces,
    /// extension classes and signatures. The EF Core store is real (Microsoft.AspNetCore.DataProtection.EntityFrameworkCore).
    /// </summary>
    private const string StandIns = """

        namespace StackExchange.Redis
        {
            public interface IConnectionMultiplexer { }
            public readonly struct RedisKey
            {
                public static implicit operator RedisKey(string key) => default;
            }
        }

        namespace Azure.Core
        {
            public abstract class TokenCredential { }
        }

        namespace Microsoft.AspNetCore.DataProtection
        {
            public static class StackExchangeRedisDataProtectionBuilderExtensions
            {
                public static IDataProtectionBuilder PersistKeysToStackExchangeRedis(this IDataProtectionBuilder builder, StackExchange.Redis.IConnectionMultiplexer connectionMultiplexer, StackExchange.Redis.RedisKey key) => builder;
            }

            public static class AzureStorageBlobDataProtectionBuilderExtensions
            {
                public static IDataProtectionBuilder PersistKeysToAzureBlobStorage(this IDataProtectionBuilder builder, System.Uri blobSasUri) => builder;
            }

            public static class AzureDataProtectionKeyVaultKeyBuilderExtensions
            {
                public static IDataProtectionBuilder ProtectKeysWithAzureKeyVault(this IDataProtectionBuilder builder, System.Uri keyIdentifier, Azure.Core.TokenCredential tokenCredential) => builder;
            }
        }

        class KeysDb : Microsoft.EntityFrameworkCore.DbContext, Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.IDataProtectionKeyContext
        {
            public Microsoft.EntityFrameworkCore.DbSet<Microsoft.AspNetCore.DataProtection.EntityFrameworkCore.DataProtectionKey> DataProtectionKeys { get; set; } = null!;
        }
        """;

    private const string Usings = """
        using System;
        using System.IO;
        using System.Security.Cryptography.X509Certificates;
        using Microsoft.AspNetCore.DataProtection;
        using Microsoft.Extensions.DependencyInjection;

        """;

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source + StandIns, expected);

    private static DiagnosticResult Expected(string method, int location = 0) =>
        V.Diagnostic(Descriptors.SS2012DataProtectionKeysUnprotected).WithLocation(location).WithArguments(method);

    // ---- positives ----

    [Test]
    public Task FileSystemInAFluentChain() => Run("""
        static class KeyRingSetup
        {
            public static IServiceCollection AddShopDataProtection(this IServiceCollection services)
            {
                {|#0:services.AddDataProtection().SetApplicationName("shop").PersistKeysToFileSystem(new DirectoryInfo("/var/shop/keys"))|};
                return services;
            }
        }
        """, Expected("PersistKeysToFileSystem"));

    [Test]
    public Task DbContextStore() => Run("""
        class Startup
        {
            void ConfigureServices(IServiceCollection services) =>
                {|#0:services.AddDataProtection().PersistKeysToDbContext<KeysDb>()|}.SetDefaultKeyLifetime(TimeSpan.FromDays(30));
        }
        """, Expected("PersistKeysToDbContext"));

    [Test]
    public Task RedisAndAzureBlobStores() => Run("""
        class CloudKeys
        {
            void Redis(IServiceCollection services, StackExchange.Redis.IConnectionMultiplexer redis) =>
                {|#0:services.AddDataProtection().PersistKeysToStackExchangeRedis(redis, "DataProtection-Keys")|};

            void Blob(IServiceCollection services, Uri sasUri) =>
                {|#1:services.AddDataProtection().PersistKeysToAzureBlobStorage(sasUri)|};
        }
        """, Expected("PersistKeysToStackExchangeRedis", 0), Expected("PersistKeysToAzureBlobStorage", 1));

    [Test]
    public Task RegistryStore() => Run("""
        class WindowsHost
        {
            void Configure(IServiceCollection services, Microsoft.Win32.RegistryKey key) =>
                {|#0:services.AddDataProtection().PersistKeysToRegistry(key)|};
        }
        """, Expected("PersistKeysToRegistry"));

    [Test]
    public Task BuilderVariableNeverProtected() => Run("""
        class Program
        {
            static void Configure(IServiceCollection services, X509Certificate2 certificate)
            {
                var dataProtection = services.AddDataProtection();
                dataProtection.SetApplicationName("shop");
                {|#0:dataProtection.PersistKeysToFileSystem(new DirectoryInfo("/keys"))|};
            }
        }
        """, Expected("PersistKeysToFileSystem"));

    [Test]
    public Task ProtectionOnAnotherBuilderDoesNotCount() => Run("""
        class TwoApps
        {
            static void Admin(IServiceCollection adminServices, X509Certificate2 certificate) =>
                adminServices.AddDataProtection().ProtectKeysWithCertificate(certificate);

            static void Shop(IServiceCollection shopServices) =>
                {|#0:shopServices.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/keys"))|};
        }
        """, Expected("PersistKeysToFileSystem"));

    // ---- near-miss negatives ----

    [Test]
    public Task PersistAndProtectInEitherOrder() => Run("""
        class Protected
        {
            void A(IServiceCollection services, X509Certificate2 certificate) =>
                services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/keys")).ProtectKeysWithCertificate(certificate);

            void B(IServiceCollection services, Uri keyId, Azure.Core.TokenCredential credential) =>
                services.AddDataProtection().ProtectKeysWithAzureKeyVault(keyId, credential).PersistKeysToDbContext<KeysDb>();
        }
        """);

    [Test]
    public Task BuilderProtectedInALaterStatement() => Run("""
        class Program
        {
            static void Configure(IServiceCollection services, bool windows)
            {
                var keys = services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/keys"));
                if (windows)
                {
                    keys.ProtectKeysWithDpapi();
                }

                var other = services.AddDataProtection();
                other.PersistKeysToFileSystem(new DirectoryInfo("/other"));
                other.ProtectKeysWithDpapiNG();

                services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/third"));
                services.AddDataProtection().ProtectKeysWithCertificate("0123456789ABCDEF0123456789ABCDEF01234567");
            }
        }
        """);

    [Test]
    public Task DefaultLocationAndApplicationNameOnly() => Run("""
        class Program
        {
            static void Configure(IServiceCollection services)
            {
                services.AddDataProtection();
                services.AddDataProtection().SetApplicationName("shop");
            }
        }
        """);

    [Test]
    public Task XmlEncryptorThroughKeyManagementOptions() => Run("""
        using Microsoft.AspNetCore.DataProtection.KeyManagement;
        using Microsoft.AspNetCore.DataProtection.XmlEncryption;
        using Microsoft.Extensions.Logging.Abstractions;

        class KeyStore
        {
            void Persist(IServiceCollection services) =>
                services.AddDataProtection().PersistKeysToDbContext<KeysDb>();
        }

        class KeyEncryption
        {
            void Protect(IServiceCollection services, X509Certificate2 certificate) =>
                services.Configure<KeyManagementOptions>(o => o.XmlEncryptor = new CertificateXmlEncryptor(certificate, NullLoggerFactory.Instance));
        }
        """);

    [Test]
    public Task BuilderReturnedAndProtectedByTheCaller() => Run("""
        static class ShopKeys
        {
            public static IDataProtectionBuilder AddShopKeyRing(this IServiceCollection services) =>
                services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/keys"));

            public static void Store(IDataProtectionBuilder builder) => builder.PersistKeysToDbContext<KeysDb>();
        }

        class Program
        {
            static void Configure(IServiceCollection services, X509Certificate2 certificate)
            {
                services.AddShopKeyRing().ProtectKeysWithCertificate(certificate);
            }
        }
        """);

    [Test]
    public Task DevelopmentOnlyLocalFolder() => Run("""
        using Microsoft.Extensions.Hosting;

        class Program
        {
            static void Configure(IServiceCollection services, IHostEnvironment env)
            {
                if (env.IsDevelopment())
                {
                    services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("./dev-keys"));
                }
            }
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class Broken
        {
            void M(IServiceCollection services)
            {
                {|#0:services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo("/keys"))|};
                services.AddDataProtection().SetApplicationName(;
                var x = services.AddDataProtection(.PersistKeysToDbContext<>();
            }
        """, Expected("PersistKeysToFileSystem"));
}
