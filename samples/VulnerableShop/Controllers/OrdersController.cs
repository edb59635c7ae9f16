using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using VulnerableShop.Data;
using VulnerableShop.Models;

namespace VulnerableShop.Controllers;

[Authorize]
[Route("orders")]
public class OrdersController(ShopDbContext db) : Controller
{
    // The form only shows the delivery e-mail, but the Order entity is bound whole: a posted Total is saved too.
    [HttpPost("edit"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Edit(Order order)
    {
        db.Orders.Update(order);
        await db.SaveChangesAsync();
        return RedirectToAction(nameof(Edit), new { order.Id });
    }
}
