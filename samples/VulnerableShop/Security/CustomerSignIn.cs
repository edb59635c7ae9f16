using Microsoft.AspNetCore.Identity;

namespace VulnerableShop.Security;

public class ShopUser : IdentityUser { }

public class CustomerSignIn(SignInManager<ShopUser> signIn)
{
    public Task<SignInResult> SignInAsync(string email, string password) =>
        signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: false);

    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.Password.RequiredLength = 8;
        options.Lockout.MaxFailedAccessAttempts = 20;
    }
}
