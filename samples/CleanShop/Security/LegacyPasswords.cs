using Microsoft.AspNetCore.Identity;

namespace CleanShop.Security;

public static class LegacyPasswords
{
    public static string Hash(ShopUser user, string password) =>
        new PasswordHasher<ShopUser>().HashPassword(user, password);
}
