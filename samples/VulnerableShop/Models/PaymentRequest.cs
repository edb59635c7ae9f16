namespace VulnerableShop.Models;

/// <summary>What the checkout form posts.</summary>
public class PaymentRequest
{
    public int OrderId { get; set; }

    public string CardholderName { get; set; } = "";

    public string CardNumber { get; set; } = "";

    public string Cvv { get; set; } = "";

    public int ExpMonth { get; set; }

    public int ExpYear { get; set; }

    /// <summary>The basket total the checkout page shows, posted back with the form.</summary>
    public decimal Total { get; set; }
}
