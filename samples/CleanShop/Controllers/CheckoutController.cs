using CleanShop.Data;
using CleanShop.Models;
using CleanShop.Services;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Stripe;

namespace CleanShop.Controllers;

[Route("checkout")]
public class CheckoutController(ShopDbContext db, ILogger<CheckoutController> logger, ReceiptMailer mailer, PaymentMethodService paymentMethods, PaymentIntentService intents) : Controller
{
    [HttpPost("pay")]
    [ValidateAntiForgeryToken]
    [EnableRateLimiting("payments")]
    public async Task<IActionResult> Pay([FromForm] PaymentRequest request)
    {
        var method = await paymentMethods.GetAsync(request.PaymentMethodId);
        logger.LogInformation("Charging {Brand} card ending {Last4} for order {Order}", method.Card.Brand, method.Card.Last4, request.OrderId);

        var card = new StoredCard { CardholderName = request.CardholderName, Last4 = method.Card.Last4, PaymentMethodId = method.Id };
        db.StoredCards.Add(card);
        await db.SaveChangesAsync();

        mailer.SendReceipt(new PaymentReceipt(request.OrderId, method.Card.Brand, method.Card.Last4, 0m), "customer@example.com");
        return RedirectToAction(nameof(Confirm), new { orderId = request.OrderId });
    }

    [HttpGet("confirm")]
    public IActionResult Confirm(int orderId) => View(orderId);

    [HttpGet("cards/{id}")]
    public StoredCard? SavedCard(int id) => db.StoredCards.Find(id);

    // The form only says which order to pay; the amount is the total the shop computed and stored for that order.
    [HttpPost("intent")]
    [Microsoft.AspNetCore.Authorization.Authorize]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> CreateIntent([FromForm] PaymentRequest request)
    {
        var order = await db.Orders.FindAsync(request.OrderId);
        if (order is null)
        {
            return NotFound();
        }

        var intent = await intents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = (long)(order.Total * 100),
            Currency = "eur",
        });
        return Ok(intent.ClientSecret);
    }
}
