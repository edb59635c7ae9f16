namespace CleanShop.Models;

/// <summary>
/// What the checkout form posts: the card was tokenized in the browser by the gateway's script,
/// so the shop receives a payment-method id, never the card number or CVV.
/// </summary>
public class PaymentRequest
{
    public int OrderId { get; set; }

    public string CardholderName { get; set; } = "";

    public string PaymentMethodId { get; set; } = "";
}
