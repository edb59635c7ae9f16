using System.Diagnostics;

namespace CleanShop.Services;

/// <summary>Sign-ups traced with the customer's pseudonymous id, never the e-mail.</summary>
public static class SignupAnalytics
{
    public static void Tag(Activity activity, string customerId) =>
        activity.SetTag("customer.id", customerId);
}
