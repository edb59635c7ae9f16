using Microsoft.AspNetCore.Identity;

namespace CleanShop.Security;

// Back-office sign-in written by hand, with Identity's failure count and lockout.
public class StaffSignIn(IPasswordHasher<ShopUser> hasher, UserManager<ShopUser> users)
{
    public async Task<bool> ValidateCredentialsAsync(ShopUser staff, string password)
    {
        if (await users.IsLockedOutAsync(staff))
        {
            return false;
        }

        if (hasher.VerifyHashedPassword(staff, staff.PasswordHash!, password) == PasswordVerificationResult.Failed)
        {
            await users.AccessFailedAsync(staff);
            return false;
        }

        await users.ResetAccessFailedCountAsync(staff);
        return true;
    }
}
