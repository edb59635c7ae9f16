using Microsoft.AspNetCore.Identity;

namespace CleanShop.Security;

public class ShopUser : IdentityUser { }

public class CustomerSignIn(SignInManager<ShopUser> signIn)
{
    public Task<SignInResult> SignInAsync(string email, string password) =>
        signIn.PasswordSignInAsync(email, password, isPersistent: false, lockoutOnFailure: true);

    public static void ConfigureIdentity(IdentityOptions options)
    {
        options.Password.RequiredLength = 12;
        options.Lockout.MaxFailedAccessAttempts = 5;
    }
}
