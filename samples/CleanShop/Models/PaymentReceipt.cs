namespace CleanShop.Models;

public record PaymentReceipt(int OrderId, string CardBrand, string Last4, decimal Amount);
