namespace VulnerableShop.Services;

public static class PaymentDefaults
{
    // A developer's "quick test" card left in production code.
    public const string FallbackCard = "4556737586899855";
}
