using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.ShopLogic.SS4002SqlBuiltFromRequestDataAnalyzer>;

namespace SecureShop.Analyzers.Tests.ShopLogic;

/// <summary>Request values followed through the project's own methods (MethodSummaries, at most three nested calls).</summary>
public class SS4002SqlAcrossMethodsTests
{
    private const string Shop = """
        using System.Linq;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.EntityFrameworkCore;

        public class Order { public int Id { get; set; } public string Customer { get; set; } = ""; }
        public class ShopDb : DbContext { public DbSet<Order> Orders => Set<Order>(); }
        public static class Text
        {
            public static string Normalize(string s) => {|#3:s.Trim().ToLowerInvariant()|};
            public static string Quote(string s) => "'" + Normalize(s) + "'";
            public static string Where(string column, string value) => {|#4:column + " = " + Quote(value)|};
            public static string Deeper(string s) => Where("Customer", s);
            public static string Safe(string s) => new[] { "name", "date" }.Contains(s) ? s : "name";
            public static string Digits(string s) => new string(s.Where(char.IsDigit).ToArray());
            public static string Fixed(string s) => "Customer";
        }

        """;

    /// <summary>The finding at #0; the call at #1 and where the callee returns (<paramref name="returned"/>) as additional locations.</summary>
    private static DiagnosticResult Expected(string source, string how, int returned) =>
        V.Diagnostic(Descriptors.SS4002SqlBuiltFromRequestData).WithLocation(0).WithLocation(1).WithLocation(returned).WithArguments("FromSqlRaw", source, how);

    [Test]
    public Task PassedThroughOneHelper() => V.AnalyzerAsync(Shop + """
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult Search(string search)
            {
                var q = {|#1:Text.Normalize(search)|};
                return Ok(db.Orders.FromSqlRaw({|#0:"SELECT * FROM Orders WHERE Customer = '" + q + "'"|}).ToList());
            }
        }
        """, Expected("parameter 'search' (through 'Normalize')", "concatenation", 3));

    [Test]
    public Task ThroughThreeHelpers() => V.AnalyzerAsync(Shop + """
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult Search(string search) =>
                Ok(db.Orders.FromSqlRaw({|#0:"SELECT * FROM Orders WHERE " + {|#1:Text.Where("Customer", search)|}|}).ToList());
        }
        """, Expected("parameter 'search' (through 'Where')", "concatenation", 4));

    [Test]
    public Task NearMisses() => V.AnalyzerAsync(Shop + """
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult Search(string search)
            {
                var a = db.Orders.FromSqlRaw("SELECT * FROM Orders ORDER BY " + Text.Safe(search)).ToList();
                var b = db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE Id = " + Text.Digits(search)).ToList();
                var c = db.Orders.FromSqlRaw("SELECT * FROM Orders ORDER BY " + Text.Fixed(search)).ToList();
                var d = db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE " + Text.Deeper(search)).ToList();
                var e = db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE " + System.IO.Path.GetFileName(search)).ToList();
                return Ok(a.Concat(b).Concat(c).Concat(d).Concat(e));
            }
        }
        """);
}
