namespace CleanShop.Security;

public static class CorsSetup
{
    public static IServiceCollection AddShopCors(this IServiceCollection services) =>
        services.AddCors(o => o.AddPolicy("storefront", p => p
            .WithOrigins("https://shop.example", "https://www.shop.example")
            .AllowAnyHeader()
            .AllowCredentials()));
}
