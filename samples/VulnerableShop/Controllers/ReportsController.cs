using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using VulnerableShop.Data;

namespace VulnerableShop.Controllers;

[Authorize(Roles = "Staff")]
[Route("reports")]
public class ReportsController(ShopDbContext db) : Controller
{
    // Staff look up a customer's orders; the e-mail from the query string is pasted into the SQL text.
    [HttpGet("orders")]
    public IActionResult Orders(string email) =>
        Ok(db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE CustomerEmail = '" + email + "'").ToList());
}
