using System.Security.Cryptography;
using System.Text;

namespace CleanShop.Security;

public class WebhookVerifier(byte[] webhookKey)
{
    public bool IsAuthentic(string payload, string signatureHeader)
    {
        byte[] expectedSignature = HMACSHA256.HashData(webhookKey, Encoding.UTF8.GetBytes(payload));
        return CryptographicOperations.FixedTimeEquals(Convert.FromHexString(signatureHeader), expectedSignature);
    }
}
