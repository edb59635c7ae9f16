using System.Security.Cryptography;

namespace CleanShop.Services;

/// <summary>Issues the codes printed on gift cards: XXXX-XXXX-XXXX-XXXX, without look-alike characters.</summary>
public class GiftCardCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    public string NewGiftCardCode()
    {
        string code = RandomNumberGenerator.GetString(Alphabet, 16);
        return string.Join('-', code.Chunk(4).Select(group => new string(group)));
    }
}
