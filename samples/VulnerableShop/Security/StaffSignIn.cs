using Microsoft.AspNetCore.Identity;

namespace VulnerableShop.Security;

// Back-office sign-in written by hand: a script can guess staff passwords without end.
public class StaffSignIn(IPasswordHasher<ShopUser> hasher)
{
    public bool ValidateCredentials(ShopUser staff, string password) =>
        hasher.VerifyHashedPassword(staff, staff.PasswordHash!, password) != PasswordVerificationResult.Failed;

    public bool OpenBackOffice(ShopUser staff, string password) => ValidateCredentials(staff, password);
}
