using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.ShopLogic.SS4003EntityOverPostingAnalyzer>;

namespace SecureShop.Analyzers.Tests.ShopLogic;

public class SS4003EntityOverPostingTests
{
    private const string Shop = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text.Json.Serialization;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.ModelBinding;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.EntityFrameworkCore;

        public enum OrderStatus { New, Paid, Shipped }
        public class Product { public int Id { get; set; } public string Name { get; set; } = ""; public string Description { get; set; } = ""; public decimal Price { get; set; } public bool IsApproved { get; set; } }
        public class Customer { public int Id { get; set; } public string Name { get; set; } = ""; public bool IsAdmin { get; set; } public decimal CreditLimit { get; set; } }
        public class Order { public int Id { get; set; } public string CustomerId { get; set; } = ""; public OrderStatus Status { get; set; } public decimal Total { get; set; } public string Note { get; set; } = ""; }
        public class Review { public int Id { get; set; } public string Text { get; set; } = ""; public int Rating { get; set; } }
        public class ShopDb : DbContext
        {
            public DbSet<Product> Products => Set<Product>();
            public DbSet<Customer> Customers => Set<Customer>();
            public DbSet<Order> Orders => Set<Order>();
            public DbSet<Review> Reviews => Set<Review>();
        }
        public class ProductForm { public string Name { get; set; } = ""; public string Description { get; set; } = ""; }
        public interface IProductRepository { Task UpdateAsync(Product product); }

        """;

    private static DiagnosticResult Expected(string entity, string bound, string members, int location = 0) =>
        V.Diagnostic(Descriptors.SS4003EntityOverPosting).WithLocation(location).WithArguments(entity, bound, members);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Shop + source, expected);

    // ---- positives ----

    [Test]
    public Task ActionParameterUpdatedAndSaved() => Run("""
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Edit(Product product)
            {
                db.Update({|#0:product|});
                await db.SaveChangesAsync();
                return RedirectToAction("Index");
            }
        }
        """, Expected("Product", "'product' of Edit", "Price, IsApproved"));

    [Test]
    public Task FromBodyIgnoresBindNever() => Run("""
        public class CustomersController(ShopDb db) : Controller
        {
            [HttpPost]
            public IActionResult Register([FromBody] CustomerWithBindNever customer)
            {
                db.Set<CustomerWithBindNever>().Add({|#0:customer|});
                db.SaveChanges();
                return Ok();
            }
        }
        public class CustomerWithBindNever { public int Id { get; set; } public string Name { get; set; } = ""; [BindNever] public bool IsAdmin { get; set; } }
        public class AccountsDb : DbContext { public DbSet<CustomerWithBindNever> Accounts => Set<CustomerWithBindNever>(); }
        """, Expected("CustomerWithBindNever", "'customer' of Register", "IsAdmin"));

    [Test]
    public Task ApiControllerInfersTheBodyAndAddsALocalAlias() => Run("""
        [ApiController, Route("api/customers")]
        public class CustomersApiController(ShopDb db) : ControllerBase
        {
            [HttpPost]
            public async Task<IActionResult> Create(Customer customer)
            {
                var entity = customer;
                await db.Customers.AddAsync({|#0:entity|});
                await db.SaveChangesAsync();
                return Ok(entity.Id);
            }
        }
        """, Expected("Customer", "'customer' of Create", "IsAdmin, CreditLimit"));

    [Test]
    public Task RazorPageBindPropertyAdded() => Run("""
        public class CreateOrderModel(ShopDb db) : PageModel
        {
            [BindProperty] public Order Order { get; set; } = new();

            public async Task<IActionResult> OnPostAsync()
            {
                db.Orders.Add({|#0:Order|});
                await db.SaveChangesAsync();
                return RedirectToPage("Index");
            }
        }
        """, Expected("Order", "bound property 'Order' of CreateOrderModel", "CustomerId, Status, Total"));

    [Test]
    public Task MinimalApiHandlerAddsTheBody() => Run("""
        public static class OrderEndpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/orders", async (Order order, ShopDb db) =>
                {
                    db.Orders.Add({|#0:order|});
                    await db.SaveChangesAsync();
                    return Results.Created($"/orders/{order.Id}", order);
                });
        }
        """, Expected("Order", "'order' of a minimal-API handler", "CustomerId, Status, Total"));

    [Test]
    public Task TryUpdateModelAsyncWithoutAnIncludeList() => Run("""
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Edit(int id)
            {
                var product = await db.Products.FindAsync(id);
                if (product is null) return NotFound();
                if (await {|#0:TryUpdateModelAsync(product, "")|})
                {
                    await db.SaveChangesAsync();
                }

                return View(product);
            }
        }
        """, Expected("Product", "TryUpdateModelAsync in Edit", "Price, IsApproved"));

    [Test]
    public Task EntryStateModifiedWithFormBindingIgnoresJsonIgnore() => Run("""
        public class JsonIgnoredProduct { public int Id { get; set; } public string Name { get; set; } = ""; [JsonIgnore] public decimal Price { get; set; } }
        public class CatalogDb : DbContext { public DbSet<JsonIgnoredProduct> Products => Set<JsonIgnoredProduct>(); }
        public class CatalogController(CatalogDb db) : Controller
        {
            [HttpPost]
            public IActionResult Edit([FromForm] JsonIgnoredProduct product)
            {
                db.Entry({|#0:product|}).State = EntityState.Modified;
                db.SaveChanges();
                return Ok();
            }
        }
        """, Expected("JsonIgnoredProduct", "'product' of Edit", "Price"));

    [Test]
    public Task SetValuesCopiesEveryBoundProperty() => Run("""
        public class OrdersController(ShopDb db) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Edit(int id, Order order)
            {
                var existing = await db.Orders.FindAsync(id);
                if (existing is null) return NotFound();
                db.Entry(existing).CurrentValues.SetValues({|#0:order|});
                await db.SaveChangesAsync();
                return Ok();
            }
        }
        """, Expected("Order", "'order' of Edit", "CustomerId, Status, Total"));

    [Test]
    public Task RepositoryUpdateAndBodyListAddRange() => Run("""
        [ApiController]
        public class ProductsApiController(IProductRepository products, ShopDb db) : ControllerBase
        {
            [HttpPut]
            public async Task<IActionResult> Put(Product product)
            {
                await products.UpdateAsync({|#0:product|});
                return NoContent();
            }

            [HttpPost("import")]
            public IActionResult Import(List<Product> batch)
            {
                db.Products.AddRange({|#1:batch|});
                db.SaveChanges();
                return NoContent();
            }
        }
        """,
        Expected("Product", "'product' of Put", "Price, IsApproved"),
        Expected("Product", "'batch' of Import", "Price, IsApproved", location: 1));

    [Test]
    public Task BindListThatIncludesAPrivilegedMember() => Run("""
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public IActionResult Create([Bind("Name,Description,Price")] Product product)
            {
                db.Products.Add({|#0:product|});
                db.SaveChanges();
                return Ok();
            }
        }
        """, Expected("Product", "'product' of Create", "Price"));

    [Test]
    public Task ConditionalJsonIgnoreStillReadsTheValue() => Run("""
        public class Voucher { public int Id { get; set; } [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public decimal? Balance { get; set; } }
        public class VoucherDb : DbContext { public DbSet<Voucher> Vouchers => Set<Voucher>(); }
        [ApiController]
        public class VouchersController(VoucherDb db) : ControllerBase
        {
            [HttpPost]
            public IActionResult Create(Voucher voucher)
            {
                db.Vouchers.Add({|#0:voucher|});
                db.SaveChanges();
                return Ok();
            }
        }
        """, Expected("Voucher", "'voucher' of Create", "Balance"));

    [Test]
    public Task UpdateRangeWithParamsArguments() => Run("""
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public IActionResult Swap(Product first, Product second)
            {
                db.UpdateRange({|#0:first|}, {|#1:second|});
                db.SaveChanges();
                return Ok();
            }
        }
        """,
        Expected("Product", "'first' of Swap", "Price, IsApproved"),
        Expected("Product", "'second' of Swap", "Price, IsApproved", location: 1));

    [Test]
    public Task PageHandlerListSavedOneByOneWithOnlySomeMembersSetByTheServer() => Run("""
        public class ImportOrdersModel(ShopDb db) : PageModel
        {
            public async Task<IActionResult> OnPostAsync(List<Order> orders)
            {
                foreach (var order in orders)
                {
                    order.Status = OrderStatus.New;
                    db.Orders.Add({|#0:order|});
                }

                await db.SaveChangesAsync();
                return Page();
            }
        }
        """, Expected("Order", "'orders' of OnPostAsync", "CustomerId, Total"));

    // ---- near-miss negatives ----

    [Test]
    public Task PrivilegedMembersSetByTheServerBeforeSaving() => Run("""
        public static class OrderEndpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/orders", async (Order order, ShopDb db, HttpContext http) =>
                {
                    order.CustomerId = http.User.Identity?.Name ?? "";
                    order.Status = OrderStatus.New;
                    order.Total = 0;
                    db.Orders.Add(order);
                    await db.SaveChangesAsync();
                    return Results.Ok();
                });
        }
        """);

    [Test]
    public Task ViewModelBoundAndCopiedByHand() => Run("""
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Edit(int id, ProductForm form)
            {
                var product = await db.Products.FindAsync(id);
                if (product is null) return NotFound();
                product.Name = form.Name;
                product.Description = form.Description;
                db.Update(product);
                await db.SaveChangesAsync();
                return Ok();
            }
        }
        """);

    [Test]
    public Task EntityBoundOnlyToReadOrIntoAList() => Run("""
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public IActionResult Search(Product example)
            {
                var found = db.Products.Where(p => p.Name == example.Name).ToList();
                var compared = new List<Product>();
                compared.Add(example);
                db.SaveChanges();
                return View(found);
            }
        }
        """);

    [Test]
    public Task BindListWithOnlyHarmlessMembers() => Run("""
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public IActionResult Create([Bind(nameof(Product.Name), nameof(Product.Description))] Product product)
            {
                db.Products.Add(product);
                db.SaveChanges();
                return Ok();
            }
        }
        """);

    [Test]
    public Task TryUpdateModelAsyncWithIncludeExpressionsOrAFilter() => Run("""
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public async Task<IActionResult> Edit(int id)
            {
                var product = await db.Products.FindAsync(id);
                if (product is null) return NotFound();
                if (await TryUpdateModelAsync(product, "", p => p.Name, p => p.Description))
                {
                    await db.SaveChangesAsync();
                }

                return View(product);
            }

            [HttpPost]
            public async Task<IActionResult> Rename(int id)
            {
                var product = await db.Products.FindAsync(id);
                if (product is null) return NotFound();
                var values = await CompositeValueProvider.CreateAsync(ControllerContext);
                await TryUpdateModelAsync(product, typeof(Product), "", values, m => m.PropertyName == "Name");
                await db.SaveChangesAsync();
                return View(product);
            }
        }
        """);

    [Test]
    public Task EntityWithoutPrivilegedMembers() => Run("""
        public class ReviewsController(ShopDb db) : Controller
        {
            [HttpPost]
            public IActionResult Create(Review review)
            {
                db.Reviews.Add(review);
                db.SaveChanges();
                return Ok();
            }
        }
        """);

    [Test]
    public Task BindNeverWithFormBinding() => Run("""
        public class SafeProduct { public int Id { get; set; } public string Name { get; set; } = ""; [BindNever] public decimal Price { get; set; } [BindingBehavior(BindingBehavior.Never)] public bool IsApproved { get; set; } }
        public class CatalogDb : DbContext { public DbSet<SafeProduct> Products => Set<SafeProduct>(); }
        public class CatalogController(CatalogDb db) : Controller
        {
            [HttpPost]
            public IActionResult Create(SafeProduct product)
            {
                db.Products.Add(product);
                db.SaveChanges();
                return Ok();
            }
        }
        """);

    [Test]
    public Task FromBodyWithJsonIgnoredPrivilegedMembers() => Run("""
        public class ApiCustomer { public int Id { get; set; } public string Name { get; set; } = ""; [JsonIgnore] public bool IsAdmin { get; set; } public decimal CreditLimit { get; private set; } }
        public class CustomerDb : DbContext { public DbSet<ApiCustomer> Customers => Set<ApiCustomer>(); }
        [ApiController]
        public class CustomersController(CustomerDb db) : ControllerBase
        {
            [HttpPost]
            public IActionResult Create([FromBody] ApiCustomer customer)
            {
                db.Customers.Add(customer);
                db.SaveChanges();
                return Ok();
            }
        }
        """);

    [Test]
    public Task AttachWithOnlyChosenPropertiesModified() => Run("""
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public IActionResult Rename(Product product)
            {
                db.Products.Attach(product);
                db.Entry(product).Property(p => p.Name).IsModified = true;
                db.SaveChanges();
                return Ok();
            }
        }
        """);

    [Test]
    public Task NotAnEndpointOrNotSaved() => Run("""
        public class ProductService(ShopDb db)
        {
            public void Save(Product product) { db.Update(product); db.SaveChanges(); }
            public void SaveAll(List<Product> products) { products.ForEach(p => db.Update(p)); db.SaveChanges(); }
        }
        public class DraftsController(ShopDb db) : Controller
        {
            [HttpPost]
            public IActionResult Preview(Product product) { db.Products.Add(product); return View(product); }
        }
        """);

    [Test]
    public Task TestProjectsAreNotChecked() => V.AnalyzerAsync(Shop + """
        public class ProductsController(ShopDb db) : Controller
        {
            [HttpPost]
            public IActionResult Edit(Product product) { db.Update(product); db.SaveChanges(); return Ok(); }
        }
        """, null, "Shop.Web.Tests");

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Shop + """
        public class ProductsController(ShopDb db) : Controller
        {
            public IActionResult Edit(Product product) { db.Update({|#0:product|}); db.SaveChanges( ; }
        }
        """, Expected("Product", "'product' of Edit", "Price, IsApproved"));
}
