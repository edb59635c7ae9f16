using Microsoft.AspNetCore.DataProtection;

namespace VulnerableShop.Security;

public static class KeyRingSetup
{
    /// <summary>Keeps the data-protection keys (auth cookies, anti-forgery tokens) in a folder shared by the shop's servers.</summary>
    public static IServiceCollection AddShopDataProtection(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddDataProtection()
            .SetApplicationName("VulnerableShop")
            .PersistKeysToFileSystem(new DirectoryInfo(configuration["DataProtection:KeyFolder"] ?? "/var/shop/keys"));
        return services;
    }
}
