namespace CleanShop.Security;

public static class ApiTokens
{
    // Every token check stays on: the defaults validate issuer, audience, lifetime and signature.
    public static IServiceCollection AddPartnerApiTokens(this IServiceCollection services) =>
        services.AddAuthentication().AddJwtBearer("Partner", o =>
        {
            o.Authority = "https://login.shop.example";
            o.Audience = "shop-partner-api";
        }).Services;
}
