using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanShop.Controllers;

[Authorize(Roles = "Admin")]
[Route("admin")]
public class AdminController : Controller
{
    [HttpGet]
    public IActionResult Index() => View();

    [HttpGet("orders/export")]
    public IActionResult ExportOrders() => File(Array.Empty<byte>(), "text/csv");

    [HttpPost("refunds/{orderId}")]
    public IActionResult Refund(int orderId) => Ok();
}
