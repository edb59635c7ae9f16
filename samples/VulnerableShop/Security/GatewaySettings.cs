namespace VulnerableShop.Security;

public static class GatewaySettings
{
    public const string StripeSecretKey = "sk_live_FAKE0000sample0000FAKE";

    public const string ReportingDb = "Server=db.shop.local;Database=Reporting;User Id=reports;Password=Rep0rts!;";

    public static string SmtpPassword { get; } = "changeme";
}
