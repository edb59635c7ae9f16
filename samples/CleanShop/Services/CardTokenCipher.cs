using System.Security.Cryptography;
using System.Text;

namespace CleanShop.Services;

/// <summary>Encrypts a saved card's number with AES-GCM: a key from the secret store, a fresh nonce per card, an authentication tag.</summary>
public class CardTokenCipher(IConfiguration configuration)
{
    private const int NonceSize = 12;
    private const int TagSize = 16;

    public string Protect(string cardNumber)
    {
        byte[] key = Convert.FromBase64String(configuration["CardVault:Key"] ?? throw new InvalidOperationException("CardVault:Key is not configured"));
        byte[] plain = Encoding.ASCII.GetBytes(cardNumber);
        byte[] nonce = RandomNumberGenerator.GetBytes(NonceSize);
        byte[] sealedCard = new byte[plain.Length];
        byte[] tag = new byte[TagSize];
        using var gcm = new AesGcm(key, TagSize);
        gcm.Encrypt(nonce, plain, sealedCard, tag);
        return Convert.ToBase64String([.. nonce, .. sealedCard, .. tag]);
    }
}
