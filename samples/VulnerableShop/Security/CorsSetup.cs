namespace VulnerableShop.Security;

public static class CorsSetup
{
    // The storefront SPA may be served from several domains, so every origin is let in.
    public static IServiceCollection AddShopCors(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy("storefront", p => p
            .SetIsOriginAllowed(_ => true)
            .AllowAnyHeader()
            .AllowCredentials()));
}
