using System.Security.Cryptography;

namespace VulnerableShop.Security;

// Staff PINs for the back office are stretched before they are stored.
public static class StaffPinHasher
{
    public static byte[] Hash(string password, byte[] salt) =>
        Rfc2898DeriveBytes.Pbkdf2(password, salt, 10_000, HashAlgorithmName.SHA256, 32);
}
