using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.ShopLogic.SS4001ClientPriceChargedAnalyzer>;

namespace SecureShop.Analyzers.Tests.ShopLogic;

public class SS4001ClientPriceChargedTests
{
    private const string Shop = """
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Threading.Tasks;
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.AspNetCore.Mvc.RazorPages;
        using Microsoft.EntityFrameworkCore;
        using Stripe;
        using Stripe.Checkout;

        public class Product { public int Id { get; set; } public decimal Price { get; set; } }
        public class Order { public int Id { get; set; } public decimal Total { get; set; } public decimal Discount { get; set; } }
        public class ShopDb : DbContext
        {
            public DbSet<Product> Products => Set<Product>();
            public DbSet<Order> Orders => Set<Order>();
        }
        public class CartLine { public int ProductId { get; set; } public int Quantity { get; set; } public decimal UnitPrice { get; set; } }
        public class CheckoutModel
        {
            public int OrderId { get; set; }
            public int ProductId { get; set; }
            public int Quantity { get; set; }
            public decimal Total { get; set; }
            public decimal Discount { get; set; }
            public long AmountInCents { get; set; }
            public int TotalCount { get; set; }
            public int ShippingMethodId { get; set; }
            public List<CartLine> Lines { get; set; } = new();
        }
        public interface ICatalog { Task<decimal> GetPriceAsync(int productId); }
        public interface IPayments
        {
            Task ChargeAsync(int orderId, decimal amount);
            Task BuildPayload(int orderId, decimal amount);
            Task PaymentSummary(int orderId, decimal amount);
            Task PayOrder(int orderId, long amountInCents);
        }

        namespace Braintree
        {
            public class TransactionRequest { public decimal Amount { get; set; } public string PaymentMethodNonce { get; set; } = ""; }
        }

        """;

    private static DiagnosticResult Expected(string sink, string source, int location = 0) =>
        V.Diagnostic(Descriptors.SS4001ClientPriceCharged).WithLocation(location).WithArguments(sink, source);

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Shop + source, expected);

    // ---- positives ----

    [Test]
    public Task PaymentIntentAmountFromTheBoundModelTotal() => Run("""
        public class CheckoutController(PaymentIntentService intents) : Controller
        {
            public async Task<IActionResult> Pay(CheckoutModel model)
            {
                var intent = await intents.CreateAsync(new PaymentIntentCreateOptions { Amount = {|#0:(long)(model.Total * 100)|}, Currency = "eur" });
                return Ok(intent.ClientSecret);
            }
        }
        """, Expected("The amount charged by PaymentIntentCreateOptions.Amount", "'model.Total' of the request"));

    [Test]
    public Task ChargeAmountFromAnActionParameterThroughMathRoundAndConvert() => Run("""
        public class PayController(ChargeService charges) : Controller
        {
            public IActionResult Charge(string token, decimal amount)
            {
                var cents = Convert.ToInt64(Math.Round(amount * 100m));
                var options = new ChargeCreateOptions { Currency = "usd", Source = token };
                options.Amount = {|#0:cents|};
                charges.Create(options);
                return Ok();
            }
        }
        """, Expected("The amount charged by ChargeCreateOptions.Amount", "request parameter 'amount'"));

    [Test]
    public Task PaymentIntentAmountSummedOverTheLinesOfTheBoundCart() => Run("""
        public class CheckoutController(PaymentIntentService intents) : Controller
        {
            public IActionResult Pay(CheckoutModel model)
            {
                decimal sum = 0;
                foreach (var line in model.Lines)
                {
                    sum += line.UnitPrice * line.Quantity;
                }

                intents.Create(new PaymentIntentCreateOptions { Amount = {|#0:(long)(sum * 100)|}, Currency = "eur" });
                return Ok();
            }
        }
        """, Expected("The amount charged by PaymentIntentCreateOptions.Amount", "'line.UnitPrice' of the request"));

    [Test]
    public Task CheckoutSessionUnitAmountFromALinqSelectorOverTheBoundLines() => Run("""
        public class CheckoutController(SessionService sessions) : Controller
        {
            public IActionResult Start(CheckoutModel model)
            {
                var items = model.Lines.Select(l => new SessionLineItemOptions
                {
                    Quantity = l.Quantity,
                    PriceData = new SessionLineItemPriceDataOptions { Currency = "eur", UnitAmountDecimal = {|#0:l.UnitPrice * 100|} },
                }).ToList();
                sessions.Create(new SessionCreateOptions { LineItems = items, Mode = "payment" });
                return Ok();
            }
        }
        """, Expected("The amount charged by SessionLineItemPriceDataOptions.UnitAmountDecimal", "'l.UnitPrice' of the request"));

    [Test]
    public Task BraintreeAmountParsedFromTheForm() => Run("""
        public class BraintreeController : Controller
        {
            public IActionResult Sale(string nonce)
            {
                var request = new Braintree.TransactionRequest { PaymentMethodNonce = nonce, Amount = {|#0:decimal.Parse(Request.Form["amount"])|} };
                return Ok(request);
            }
        }
        """, Expected("The amount charged by Braintree TransactionRequest.Amount", "Request.Form[\"amount\"]"));

    [Test]
    public Task ShopChargeMethodGivenTheTotalLessTheClientDiscount() => Run("""
        public class OrdersController(IPayments payments) : Controller
        {
            public async Task<IActionResult> Complete(CheckoutModel model)
            {
                await payments.ChargeAsync(model.OrderId, {|#0:model.Total - model.Discount|});
                return Ok();
            }
        }
        """, Expected("The amount passed to ChargeAsync", "'model.Total' of the request"));

    [Test]
    public Task MinimalApiHandlerChargesTheAmountItWasSent() => Run("""
        public static class PaymentEndpoints
        {
            public static void Map(WebApplication app) =>
                app.MapPost("/pay", (CheckoutModel body, PaymentIntentService intents) =>
                    intents.Create(new PaymentIntentCreateOptions { Amount = {|#0:body.AmountInCents|}, Currency = "eur" }).ClientSecret);
        }
        """, Expected("The amount charged by PaymentIntentCreateOptions.Amount", "'body.AmountInCents' of the request"));

    [Test]
    public Task OrderTotalFromTheRequestSavedWithTheOrder() => Run("""
        public class OrdersController(ShopDb db) : Controller
        {
            public async Task<IActionResult> Place(CheckoutModel model)
            {
                var order = new Order { Total = {|#0:model.Total|} };
                db.Orders.Add(order);
                await db.SaveChangesAsync();
                return Ok(order.Id);
            }
        }
        """, Expected("The amount saved in Order.Total", "'model.Total' of the request"));

    [Test]
    public Task RazorPageBindPropertyTotalParsedWithTryParse() => Run("""
        public class PayModel(PaymentIntentService intents) : PageModel
        {
            [BindProperty] public CheckoutModel Input { get; set; } = new();
            [BindProperty] public string? Shipping { get; set; }

            public IActionResult OnPost()
            {
                decimal.TryParse(Shipping, out var shipping);
                intents.Create(new PaymentIntentCreateOptions { Amount = {|#0:(long)((Input.Total + shipping) * 100)|}, Currency = "eur" });
                return Page();
            }
        }
        """, Expected("The amount charged by PaymentIntentCreateOptions.Amount", "'Input.Total' of the request"));

    [Test]
    public Task PayOrderGivenAnUpdatedIntentAmountFromTheQueryString() => Run("""
        public class PayController(IPayments payments, PaymentIntentService intents) : Controller
        {
            public async Task<IActionResult> Update(string id, int orderId)
            {
                var cents = long.Parse(Request.Query["total"]);
                intents.Update(id, new PaymentIntentUpdateOptions { Amount = {|#0:cents|} });
                await payments.PayOrder(orderId, {|#1:cents|});
                return Ok();
            }
        }
        """,
        Expected("The amount charged by PaymentIntentUpdateOptions.Amount", "Request.Query[\"total\"]"),
        Expected("The amount passed to PayOrder", "Request.Query[\"total\"]", location: 1));

    // ---- near-miss negatives ----

    [Test]
    public Task PriceLookedUpInTheDatabaseOnlyQuantityFromTheClient() => Run("""
        public class CheckoutController(ShopDb db, PaymentIntentService intents) : Controller
        {
            public async Task<IActionResult> Pay(CheckoutModel model)
            {
                var product = await db.Products.FindAsync(model.ProductId);
                if (product is null) return NotFound();
                intents.Create(new PaymentIntentCreateOptions { Amount = (long)(product.Price * model.Quantity * 100), Currency = "eur" });
                return Ok();
            }
        }
        """);

    [Test]
    public Task PriceFromTheCatalogServiceSummedOverTheBoundLines() => Run("""
        public class CheckoutController(ICatalog catalog, PaymentIntentService intents) : Controller
        {
            public async Task<IActionResult> Pay(CheckoutModel model)
            {
                decimal sum = 0;
                foreach (var line in model.Lines)
                {
                    sum += await catalog.GetPriceAsync(line.ProductId) * line.Quantity;
                }

                intents.Create(new PaymentIntentCreateOptions { Amount = (long)(sum * 100), Currency = "eur" });
                return Ok();
            }
        }
        """);

    [Test]
    public Task AmountOfAnOrderLoadedFromTheDatabase() => Run("""
        public class OrdersController(ShopDb db, IPayments payments, ChargeService charges) : Controller
        {
            public async Task<IActionResult> Complete(int orderId, decimal total)
            {
                var order = await db.Orders.SingleAsync(o => o.Id == orderId);
                await payments.ChargeAsync(order.Id, order.Total - order.Discount);
                charges.Create(new ChargeCreateOptions { Amount = (long)(order.Total * 100), Currency = "eur" });
                return Ok();
            }
        }
        """);

    [Test]
    public Task PostedTotalComparedWithTheServerTotalBeforeCharging() => Run("""
        public class CheckoutController(ShopDb db, PaymentIntentService intents) : Controller
        {
            public IActionResult Pay(CheckoutModel model)
            {
                var serverTotal = model.Lines.Sum(l => db.Products.Find(l.ProductId)!.Price * l.Quantity);
                if (model.Total != serverTotal) return BadRequest("The cart changed.");
                intents.Create(new PaymentIntentCreateOptions { Amount = (long)(model.Total * 100), Currency = "eur" });
                return Ok();
            }

            public IActionResult PayWithTolerance(decimal amount)
            {
                var order = db.Orders.Find(1)!;
                if (Math.Abs(amount - order.Total) > 0.01m) return BadRequest();
                intents.Create(new PaymentIntentCreateOptions { Amount = (long)(amount * 100), Currency = "eur" });
                return Ok();
            }
        }
        """);

    [Test]
    public Task PostedTotalReplacedByTheServerTotal() => Run("""
        public class CheckoutController(ShopDb db, PaymentIntentService intents) : Controller
        {
            public IActionResult Pay(CheckoutModel model)
            {
                model.Total = db.Orders.Find(model.OrderId)!.Total;
                intents.Create(new PaymentIntentCreateOptions { Amount = (long)(model.Total * 100), Currency = "eur" });
                return Ok();
            }
        }
        """);

    [Test]
    public Task MethodsNamedPayloadOrPaymentAreNotCharges() => Run("""
        public class OrdersController(IPayments payments) : Controller
        {
            public async Task<IActionResult> Preview(CheckoutModel model)
            {
                await payments.BuildPayload(model.OrderId, model.Total);
                await payments.PaymentSummary(model.OrderId, model.Total);
                return Ok();
            }
        }
        """);

    [Test]
    public Task CountsAndIdsFromTheRequestAreNotAmounts() => Run("""
        public class CheckoutController(IPayments payments, ShopDb db) : Controller
        {
            public async Task<IActionResult> Pay(CheckoutModel model)
            {
                await payments.ChargeAsync(model.OrderId, model.TotalCount * db.Products.Find(model.ShippingMethodId)!.Price);
                return Ok();
            }
        }
        """);

    [Test]
    public Task StaffEndpointsSetPricesAndTotalsOnPurpose() => Run("""
        [Authorize(Roles = "Admin")]
        public class OrderAdminController(ShopDb db) : Controller
        {
            public async Task<IActionResult> EditTotals(int id, CheckoutModel model)
            {
                var order = (await db.Orders.FindAsync(id))!;
                order.Total = model.Total;
                order.Discount = model.Discount;
                await db.SaveChangesAsync();
                return Ok();
            }
        }
        """);

    [Test]
    public Task CatalogEntityIsNotAnOrderTotal() => Run("""
        [Authorize]
        public class WishlistController(ShopDb db) : Controller
        {
            public async Task<IActionResult> Remember(CheckoutModel model)
            {
                db.Products.Add(new Product { Price = model.Total });
                await db.SaveChangesAsync();
                return Ok();
            }
        }
        """);

    [Test]
    public Task AmountsTheCustomerPicksOnPurpose() => Run("""
        public class DonationsController(PaymentIntentService intents) : Controller
        {
            public IActionResult Donate(decimal amount) =>
                Ok(intents.Create(new PaymentIntentCreateOptions { Amount = (long)(amount * 100), Currency = "eur" }).ClientSecret);
        }

        public class TipModel { public decimal TipAmount { get; set; } }

        public class CheckoutController(IPayments payments) : Controller
        {
            public async Task<IActionResult> AddTip(int orderId, TipModel model)
            {
                await payments.ChargeAsync(orderId, model.TipAmount);
                return Ok();
            }
        }
        """);

    [Test]
    public Task PaymentProviderCallbackRecordsTheReportedAmount() => Run("""
        public class Payment { public int Id { get; set; } public decimal Amount { get; set; } }
        public class PaymentDb : DbContext { public DbSet<Payment> Payments => Set<Payment>(); }

        public class GatewayController(PaymentDb db) : Controller
        {
            [HttpPost]
            public IActionResult PaymentCallback(decimal amount, string signature)
            {
                db.Payments.Add(new Payment { Amount = amount });
                db.SaveChanges();
                return Ok();
            }
        }
        """);

    [Test]
    public Task ServiceMethodParameterIsNotRequestData() => Run("""
        public class PaymentService(PaymentIntentService intents)
        {
            public void Charge(decimal amount) =>
                intents.Create(new PaymentIntentCreateOptions { Amount = (long)(amount * 100), Currency = "eur" });
        }
        """);

    [Test]
    public Task AmountsInTestProjectsAreMadeUp() => V.AnalyzerAsync(Shop + """
        public class CheckoutController(PaymentIntentService intents) : Controller
        {
            public IActionResult Pay(CheckoutModel model) =>
                Ok(intents.Create(new PaymentIntentCreateOptions { Amount = (long)(model.Total * 100), Currency = "eur" }));
        }
        """, editorConfig: null, assemblyName: "Shop.Web.Tests");

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Shop + """
        public class CheckoutController(PaymentIntentService intents) : Controller
        {
            public IActionResult Pay(CheckoutModel model) =>
                Ok(intents.Create(new PaymentIntentCreateOptions { Amount = (long)(model.Total * , Currency = "eur" }));
        }
        """);
}
