namespace VulnerableShop.Models;

public record PaymentReceipt(int OrderId, string CardNumber, decimal Amount);
