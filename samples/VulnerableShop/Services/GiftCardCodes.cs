using System.Text;

namespace VulnerableShop.Services;

/// <summary>Issues the codes printed on gift cards: XXXX-XXXX-XXXX-XXXX, without look-alike characters.</summary>
public class GiftCardCodes
{
    private const string Alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

    private readonly Random _random = new();

    public string NewGiftCardCode()
    {
        var code = new StringBuilder(19);
        for (int i = 0; i < 16; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                code.Append('-');
            }

            code.Append(Alphabet[_random.Next(Alphabet.Length)]);
        }

        return code.ToString();
    }
}
