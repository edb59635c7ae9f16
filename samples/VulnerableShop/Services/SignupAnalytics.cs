using System.Diagnostics;

namespace VulnerableShop.Services;

/// <summary>Sign-ups traced with the customer's e-mail as a tag, exported to the telemetry vendor (SS5002).</summary>
public static class SignupAnalytics
{
    public static void Tag(Activity activity, string customerEmail) =>
        activity.SetTag("customer.email", customerEmail);
}
