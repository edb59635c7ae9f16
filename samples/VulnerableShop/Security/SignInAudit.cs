namespace VulnerableShop.Security;

/// <summary>Failed sign-ins logged with what the customer typed: the e-mail (SS5001) and the password (SS3016).</summary>
public class SignInAudit(ILogger<SignInAudit> logger)
{
    public void Failed(string email, string password)
    {
        logger.LogWarning("Sign-in failed for {Email}", email);
        logger.LogDebug("Rejected password {Password}", password);
    }
}
