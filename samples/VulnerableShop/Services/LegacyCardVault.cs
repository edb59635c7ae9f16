using System.Security.Cryptography;
using System.Text;

namespace VulnerableShop.Services;

// Card numbers kept for recurring billing, encrypted the way the previous platform did.
public sealed class LegacyCardVault(byte[] vaultKey)
{
    public byte[] Seal(string cardNumber)
    {
        using var cipher = TripleDES.Create();
        cipher.Key = vaultKey;
        cipher.GenerateIV();
        using var encryptor = cipher.CreateEncryptor();
        byte[] plain = Encoding.UTF8.GetBytes(cardNumber);
        return [.. cipher.IV, .. encryptor.TransformFinalBlock(plain, 0, plain.Length)];
    }
}
