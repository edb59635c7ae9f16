using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanShop.Security;

public static class AuthSetup
{
    // Every endpoint requires a signed-in customer unless it opts out with [AllowAnonymous], and every
    // unsafe request must carry an anti-forgery token.
    public static IServiceCollection AddShopAuthentication(this IServiceCollection services)
    {
        services.AddAuthentication("Cookies").AddCookie("Cookies");
        services.AddAuthorization(options =>
            options.FallbackPolicy = new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        services.Configure<Microsoft.AspNetCore.Mvc.MvcOptions>(options =>
            options.Filters.Add(new AutoValidateAntiforgeryTokenAttribute()));
        return services;
    }
}
