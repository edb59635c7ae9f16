namespace CleanShop.Security;

public static class GatewaySettings
{
    // Names of settings; the values live in user secrets / the host's secret store.
    public const string StripeSecretKey = "Stripe:SecretKey";

    public const string ReportingDb = "Reporting";

    public static string SmtpPassword(IConfiguration configuration) => configuration["Smtp:Password"] ?? string.Empty;
}
