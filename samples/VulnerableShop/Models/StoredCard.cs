namespace VulnerableShop.Models;

/// <summary>A saved card, as a shop that "wants one-click checkout" might keep it.</summary>
public class StoredCard
{
    public int Id { get; set; }

    public string CardholderName { get; set; } = "";

    public string CardNumber { get; set; } = "";

    public string Cvv { get; set; } = "";

    public string Last4 { get; set; } = "";
}
