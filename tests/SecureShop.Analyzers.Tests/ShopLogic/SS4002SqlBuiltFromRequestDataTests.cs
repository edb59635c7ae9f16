using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.ShopLogic.SS4002SqlBuiltFromRequestDataAnalyzer>;

namespace SecureShop.Analyzers.Tests.ShopLogic;

public class SS4002SqlBuiltFromRequestDataTests
{
    private const string Shop = """
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using Dapper;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Data.SqlClient;
        using Microsoft.EntityFrameworkCore;

        public class Order { public int Id { get; set; } public string Customer { get; set; } = ""; }
        public class ShopDb : DbContext { public DbSet<Order> Orders => Set<Order>(); }
        public class OrderFilter { public string Customer { get; set; } = ""; public string Sort { get; set; } = ""; public int Page { get; set; } }

        """;

    private static DiagnosticResult Expected(string sink, string source, string how, int location = 0) =>
        V.Diagnostic(Descriptors.SS4002SqlBuiltFromRequestData).WithLocation(location).WithArguments(sink, source, how);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Shop + source, expected);

    // ---- positives ----

    [Test]
    public Task FromSqlRawWithAConcatenatedActionParameter() => Run("""
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult Search(string customer) =>
                Ok(db.Orders.FromSqlRaw({|#0:"SELECT * FROM Orders WHERE Customer = '" + customer + "'"|}).ToList());
        }
        """, Expected("FromSqlRaw", "parameter 'customer'", "concatenation"));

    [Test]
    public Task ExecuteSqlRawWithAnInterpolatedPlainString() => Run("""
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult Cancel(string orderRef)
            {
                string sql = $"UPDATE Orders SET Status = 'Cancelled' WHERE Ref = '{orderRef}'";
                db.Database.ExecuteSqlRaw({|#0:sql|});
                return Ok();
            }
        }
        """, Expected("ExecuteSqlRaw", "parameter 'orderRef'", "string interpolation"));

    [Test]
    public Task SortColumnOfABoundModelInStringFormat() => Run("""
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult List(OrderFilter filter) =>
                Ok(db.Orders.FromSqlRaw({|#0:string.Format("SELECT * FROM Orders ORDER BY {0}", filter.Sort)|}).ToList());
        }
        """, Expected("FromSqlRaw", "'filter.Sort' of the bound model", "string.Format"));

    [Test]
    public Task QueryStringThroughAStringBuilderIntoSqlCommand() => Run("""
        public class ReportsController : Controller
        {
            public IActionResult Export()
            {
                var sb = new StringBuilder("SELECT * FROM Orders WHERE 1 = 1");
                sb.Append(" AND Region = '").Append(Request.Query["region"]).Append("'");
                using var command = new SqlCommand({|#0:sb.ToString()|});
                return Ok();
            }
        }
        """, Expected("new SqlCommand", "Request.Query", "a StringBuilder"));

    [Test]
    public Task CommandTextFromAMinimalApiParameter() => Run("""
        public static class Api
        {
            public static void Map(WebApplication app, SqlConnection connection) =>
                app.MapGet("/customers", (string name) =>
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = {|#0:"SELECT * FROM Customers WHERE Name LIKE '%" + name + "%'"|};
                    return command.ExecuteScalar()?.ToString();
                });
        }
        """, Expected("SqlCommand.CommandText", "parameter 'name'", "concatenation"));

    [Test]
    public Task DapperQueryWithAFilterAppendedByCompoundAssignment() => Run("""
        public class CustomersController(SqlConnection connection) : Controller
        {
            public IActionResult Find(string email)
            {
                var sql = "SELECT * FROM Customers WHERE 1 = 1";
                sql += " AND Email = '" + email + "'";
                return Ok(connection.Query<Order>({|#0:sql|}));
            }
        }
        """, Expected("Query", "parameter 'email'", "concatenation"));

    // ---- near-miss negatives ----

    [Test]
    public Task FromSqlInterpolatedAndFromSqlMakeParameters() => Run("""
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult Search(string customer) => Ok(db.Orders.FromSqlInterpolated($"SELECT * FROM Orders WHERE Customer = {customer}").ToList());
            public IActionResult Search2(string customer) => Ok(db.Orders.FromSql($"SELECT * FROM Orders WHERE Customer = {customer}").ToList());
        }
        """);

    [Test]
    public Task FromSqlRawWithPlaceholdersAndArguments() => Run("""
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult Search(string customer) =>
                Ok(db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE Customer = {0}", customer).ToList());
        }
        """);

    [Test]
    public Task SortColumnCheckedAgainstAnAllowList() => Run("""
        public class OrdersController(ShopDb db) : Controller
        {
            private static readonly HashSet<string> Sortable = new() { "Id", "Customer" };

            public IActionResult List(string sort)
            {
                if (!Sortable.Contains(sort)) return BadRequest();
                return Ok(db.Orders.FromSqlRaw("SELECT * FROM Orders ORDER BY " + sort).ToList());
            }
        }
        """);

    [Test]
    public Task NumberFromTheRequestCarriesNoText() => Run("""
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult Page(OrderFilter filter, int id) =>
                Ok(db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE Id = " + id + " OFFSET " + filter.Page * 20).ToList());
        }
        """);

    [Test]
    public Task DapperWithParameters() => Run("""
        public class CustomersController(SqlConnection connection) : Controller
        {
            public IActionResult Find(string email) => Ok(connection.Query<Order>("SELECT * FROM Customers WHERE Email = @email", new { email }));
        }
        """);

    [Test]
    public Task ConstantSqlBuiltFromServerSideValues() => Run("""
        public class ReportsService(SqlConnection connection)
        {
            private const string Table = "Orders";
            public object? Count(string region)
            {
                using var command = new SqlCommand("SELECT COUNT(*) FROM " + Table + " WHERE Region = @region", connection);
                command.Parameters.AddWithValue("@region", region);
                return command.ExecuteScalar();
            }
        }
        """);

    [Test]
    public Task ServiceMethodParameterIsNotRequestData() => Run("""
        public class OrderRepository(ShopDb db)
        {
            public List<Order> ByCustomer(string customer) =>
                db.Orders.FromSqlRaw("SELECT * FROM Orders WHERE Customer = '" + customer + "'").ToList();
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Shop + """
        public class OrdersController(ShopDb db) : Controller
        {
            public IActionResult Search(string customer) => Ok(db.Orders.FromSqlRaw("SELECT " + customer + ;
        }
        """);

    // ---- request data in more shapes ----

    [Test]
    public Task MemberOfARazorPageBindProperty() => Run("""
        public class OrdersPage(ShopDb db) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
        {
            [BindProperty(SupportsGet = true)] public OrderFilter Filter { get; set; } = new();
            public void OnGet() => db.Orders.FromSqlRaw({|#0:string.Format("SELECT * FROM Orders ORDER BY {0}", Filter.Sort)|}).ToList();
        }
        """, Expected("FromSqlRaw", "'Filter.Sort' of the bound model", "string.Format"));

    [Test]
    public Task BindNeverMemberAndUnboundPageProperty() => Run("""
        public class SortedFilter { [Microsoft.AspNetCore.Mvc.ModelBinding.BindNever] public string Sort { get; set; } = "Id"; }
        public class OrdersPage(ShopDb db) : Microsoft.AspNetCore.Mvc.RazorPages.PageModel
        {
            public OrderFilter Filter { get; set; } = new();
            public void OnGet(SortedFilter sorted)
            {
                db.Orders.FromSqlRaw(string.Format("SELECT * FROM Orders ORDER BY {0}", Filter.Sort)).ToList();
                db.Orders.FromSqlRaw(string.Format("SELECT * FROM Orders ORDER BY {0}", sorted.Sort)).ToList();
            }
        }
        """);
}
