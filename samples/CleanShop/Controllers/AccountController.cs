using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanShop.Controllers;

[Route("account")]
public class AccountController : Controller
{
    [AllowAnonymous, HttpGet("login")]
    public IActionResult Login() => View();

    [HttpGet("addresses")]
    public IActionResult Addresses() => View();

    [HttpPost("addresses")]
    public IActionResult SaveAddress(string line1, string city) => RedirectToAction(nameof(Addresses));

    [AllowAnonymous, HttpGet("login/done")]
    public IActionResult LoggedIn(string returnUrl) => LocalRedirect(returnUrl);
}
