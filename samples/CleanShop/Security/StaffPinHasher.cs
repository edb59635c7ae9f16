using System.Security.Cryptography;

namespace CleanShop.Security;

public static class StaffPinHasher
{
    public static byte[] Hash(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
}
