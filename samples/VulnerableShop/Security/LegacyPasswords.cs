using System.Security.Cryptography;
using System.Text;

namespace VulnerableShop.Security;

// Accounts imported from the old shop still sign in with their old hashes.
public static class LegacyPasswords
{
    public static string Hash(string password) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(password)));
}
