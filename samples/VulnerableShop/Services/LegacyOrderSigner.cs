using System.Security.Cryptography;
using System.Text;

namespace VulnerableShop.Services;

// Order confirmations for the old fulfilment partner carry a checksum and a signature,
// made the way the partner's 2012 integration guide showed.
public sealed class LegacyOrderSigner : IDisposable
{
    private readonly RSA _signingKey = new RSACryptoServiceProvider(1024);

    public string Checksum(string orderJson) =>
        Convert.ToHexString(SHA1.HashData(Encoding.UTF8.GetBytes(orderJson)));

    public byte[] Sign(string orderJson) =>
        _signingKey.SignData(Encoding.UTF8.GetBytes(orderJson), HashAlgorithmName.SHA1, RSASignaturePadding.Pkcs1);

    public void Dispose() => _signingKey.Dispose();
}
