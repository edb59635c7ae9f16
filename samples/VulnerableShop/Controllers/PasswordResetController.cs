using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using VulnerableShop.Security;

namespace VulnerableShop.Controllers;

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
            return NotFound("No account uses this e-mail address");
        }

        await users.GeneratePasswordResetTokenAsync(user);
        return Ok(Sent);
    }
}
