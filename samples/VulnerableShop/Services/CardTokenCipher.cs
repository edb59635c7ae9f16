using System.Security.Cryptography;
using System.Text;

namespace VulnerableShop.Services;

/// <summary>Turns a saved card's number into a lookup token, so the card can be found again by the same token.</summary>
public class CardTokenCipher
{
    private static readonly byte[] TokenKey = Encoding.UTF8.GetBytes("Sh0pT0kenKey-2024-do-not-change!");
    private static readonly byte[] TokenIv = new byte[16];

    public string Tokenize(string cardNumber)
    {
        using var aes = Aes.Create();
        aes.Key = TokenKey;
        aes.IV = TokenIv;
        aes.Mode = CipherMode.ECB;
        byte[] plain = Encoding.ASCII.GetBytes(cardNumber);
        byte[] token = aes.CreateEncryptor().TransformFinalBlock(plain, 0, plain.Length);
        return Convert.ToBase64String(token);
    }
}
