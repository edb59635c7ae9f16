namespace CleanShop.Models;

/// <summary>What the shop keeps of a card: the gateway's token and what may be displayed.</summary>
public class StoredCard
{
    public int Id { get; set; }

    public string CardholderName { get; set; } = "";

    public string Last4 { get; set; } = "";

    public string PaymentMethodId { get; set; } = "";
}
