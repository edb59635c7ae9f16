using Microsoft.AspNetCore.DataProtection;

namespace CleanShop.Security;

public static class KeyRingSetup
{
    /// <summary>Keeps the data-protection keys in a folder shared by the shop's servers, encrypted with the shop's certificate.</summary>
    public static IServiceCollection AddShopDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection()
            .SetApplicationName("CleanShop")
            .PersistKeysToFileSystem(new DirectoryInfo(configuration["DataProtection:KeyFolder"] ?? "/var/shop/keys"))
            .ProtectKeysWithCertificate(configuration["DataProtection:CertificateThumbprint"] ?? throw new InvalidOperationException("DataProtection:CertificateThumbprint is not configured"));
        return services;
    }
}
