using Microsoft.IdentityModel.Tokens;

namespace VulnerableShop.Security;

public static class ApiTokens
{
    // Partner integrations call the order API with a bearer token.
    public static IServiceCollection AddPartnerApiTokens(this IServiceCollection services) =>
        services.AddAuthentication().AddJwtBearer("Partner", o =>
        {
            o.Authority = "https://login.shop.example";
            o.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateAudience = false,
            };
        }).Services;
}
