using System.Security.Cryptography;
using System.Text;

namespace CleanShop.Services;

// Card numbers kept for recurring billing, sealed with AES-GCM: nonce, tag and ciphertext stored together.
public sealed class LegacyCardVault(byte[] vaultKey)
{
    public byte[] Seal(string cardNumber)
    {
        byte[] plain = Encoding.UTF8.GetBytes(cardNumber);
        byte[] nonce = RandomNumberGenerator.GetBytes(AesGcm.NonceByteSizes.MaxSize);
        byte[] tag = new byte[AesGcm.TagByteSizes.MaxSize];
        byte[] sealedCard = new byte[plain.Length];
        using var gcm = new AesGcm(vaultKey, tag.Length);
        gcm.Encrypt(nonce, plain, sealedCard, tag);
        return [.. nonce, .. tag, .. sealedCard];
    }
}
