namespace VulnerableShop.Security;

public static class AuthSetup
{
    // Customers sign in with a cookie; nothing requires it globally.
    public static IServiceCollection AddShopAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication("Cookies").AddCookie("Cookies");
        services.AddAuthorization();
        return services;
    }
}
