using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using CleanShop.Data;

namespace CleanShop.Controllers;

[Authorize(Roles = "Staff")]
[Route("reports")]
public class ReportsController(ShopDbContext db) : Controller
{
    private static readonly HashSet<string> SortableColumns = new(StringComparer.Ordinal) { "Id", "Total" };

    // The e-mail becomes a parameter: FromSql turns each hole of the interpolated string into one.
    [HttpGet("orders")]
    public IActionResult Orders(string email) =>
        Ok(db.Orders.FromSql($"SELECT * FROM Orders WHERE CustomerEmail = {email}").ToList());

    // A sort column cannot be a parameter: it is taken only from a fixed list.
    [HttpGet("orders/sorted")]
    public IActionResult Sorted(string sort) =>
        SortableColumns.Contains(sort) ? Ok(db.Orders.FromSqlRaw("SELECT * FROM Orders ORDER BY " + sort).ToList()) : BadRequest();
}
