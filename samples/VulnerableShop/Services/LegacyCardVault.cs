using System.Security.Cryptography;
using System.Text;

namespace VulnerableShop.Services;

// Card numbers kept for recurring billing, encrypted the way the previous platform did, then MACed.
public sealed class LegacyCardVault(byte[] vaultKey, byte[] macKey)
{
    public byte[] Seal(string cardNumber)
    {
        using var cipher = TripleDES.Create();
        cipher.Key = vaultKey;
        cipher.GenerateIV();
        using var encryptor = cipher.CreateEncryptor();
        byte[] plain = Encoding.UTF8.GetBytes(cardNumber);
        byte[] sealedCard = [.. cipher.IV, .. encryptor.TransformFinalBlock(plain, 0, plain.Length)];
        return [.. sealedCard, .. HMACSHA256.HashData(macKey, sealedCard)];
    }
}
