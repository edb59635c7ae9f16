namespace CleanShop.Security;

/// <summary>Failed sign-ins logged by customer id: no e-mail, no password in the log.</summary>
public class SignInAudit(ILogger<SignInAudit> logger)
{
    public void Failed(string userId, bool emailConfirmed, bool passwordProvided)
    {
        logger.LogWarning("Sign-in failed for customer {UserId} (e-mail confirmed: {Confirmed})", userId, emailConfirmed);
        logger.LogDebug("Password provided: {Provided}", passwordProvided);
    }
}
