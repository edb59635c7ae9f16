using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using CleanShop.Data;
using CleanShop.Models;

namespace CleanShop.Controllers;

[Authorize]
[Route("orders")]
public class OrdersController(ShopDbContext db) : Controller
{
    // Only the fields the form edits are bound (a view model) and copied onto the stored order; its Total stays as computed.
    [HttpPost("edit"), ValidateAntiForgeryToken]
    public async Task<IActionResult> Edit(OrderContactForm form)
    {
        var order = await db.Orders.FindAsync(form.Id);
        if (order is null)
        {
            return NotFound();
        }

        order.CustomerEmail = form.CustomerEmail;
        await db.SaveChangesAsync();
        return RedirectToAction(nameof(Edit), new { order.Id });
    }
}
