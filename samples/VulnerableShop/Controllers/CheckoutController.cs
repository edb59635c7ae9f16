using Microsoft.AspNetCore.Mvc;
using VulnerableShop.Data;
using VulnerableShop.Models;
using VulnerableShop.Services;

namespace VulnerableShop.Controllers;

[Route("checkout")]
public class CheckoutController(ShopDbContext db, ILogger<CheckoutController> logger, ReceiptMailer mailer, Stripe.PaymentIntentService intents) : Controller
{
    [HttpPost("pay")]
    public async Task<IActionResult> Pay([FromForm] PaymentRequest request)
    {
        logger.LogInformation("Charging card {Card} for order {Order}", request.CardNumber, request.OrderId);

        if (request.CardNumber.Length < 13)
        {
            throw new ArgumentException($"Invalid card number {request.CardNumber}");
        }

        var card = new StoredCard { CardholderName = request.CardholderName, CardNumber = request.CardNumber, Cvv = request.Cvv };
        db.StoredCards.Add(card);
        await db.SaveChangesAsync();

        HttpContext.Session.SetString("last-cvv", request.Cvv);
        mailer.SendReceipt(new PaymentReceipt(request.OrderId, request.CardNumber, 0m), "customer@example.com");
        return RedirectToAction(nameof(Confirm), new { orderId = request.OrderId, card = request.CardNumber });
    }

    [HttpGet("confirm")]
    public IActionResult Confirm(int orderId) => View(orderId);

    [HttpGet("cards/{id}")]
    public StoredCard? SavedCard(int id) => db.StoredCards.Find(id);

    // The checkout page posts the basket total with the order id; the payment is created for whatever total was posted.
    [HttpPost("intent")]
    [Microsoft.AspNetCore.Authorization.Authorize]
    [ValidateAntiForgeryToken]
    public async Task<IActionResult> CreateIntent([FromForm] PaymentRequest request)
    {
        var intent = await intents.CreateAsync(new Stripe.PaymentIntentCreateOptions
        {
            Amount = (long)(request.Total * 100),
            Currency = "eur",
        });
        return Ok(intent.ClientSecret);
    }
}
