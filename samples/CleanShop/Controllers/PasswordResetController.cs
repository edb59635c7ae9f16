using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using CleanShop.Security;

namespace CleanShop.Controllers;

[Route("password")]
public class PasswordResetController(UserManager<ShopUser> users) : Controller
{
    private const string Sent = "If an account uses this address, we sent it a link to choose a new password.";

    [HttpPost("forgot")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting("password-reset")]
    public async Task<IActionResult> ForgotPassword(string email)
    {
        var user = await users.FindByEmailAsync(email);
        if (user == null)
        {
            return Ok(Sent); // the same answer whether or not the address has an account
        }

        await users.GeneratePasswordResetTokenAsync(user);
        return Ok(Sent);
    }
}
