namespace CleanShop.Services;

public static class PaymentDefaults
{
    // Card numbers never appear in code: a saved card is the gateway's payment-method id.
    public const string SavedPaymentMethodSetting = "Payments:DefaultPaymentMethodId";
}
