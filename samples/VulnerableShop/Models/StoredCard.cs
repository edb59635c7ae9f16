namespace VulnerableShop.Models;

public class StoredCard
{
    public int Id { get; set; }

    public string CardholderName { get; set; } = "";

    public string Last4 { get; set; } = "";
}
