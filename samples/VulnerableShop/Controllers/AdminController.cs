using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace VulnerableShop.Controllers;

[Authorize(Roles = "Admin")]
[Route("admin")]
public class AdminController : Controller
{
    [HttpGet]
    public IActionResult Index() => View();

    [AllowAnonymous, HttpGet("orders/export")]
    public IActionResult ExportOrders() => File(Array.Empty<byte>(), "text/csv");

    [HttpPost("refunds/{orderId}"), IgnoreAntiforgeryToken]
    public IActionResult Refund(int orderId) => Ok();
}
