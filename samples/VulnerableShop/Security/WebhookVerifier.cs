using System.Security.Cryptography;
using System.Text;

namespace VulnerableShop.Security;

public class WebhookVerifier(byte[] webhookKey)
{
    public bool IsAuthentic(string payload, string signatureHeader)
    {
        string expectedSignature = Convert.ToHexString(HMACSHA256.HashData(webhookKey, Encoding.UTF8.GetBytes(payload)));
        return signatureHeader == expectedSignature;
    }
}
