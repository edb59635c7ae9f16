using System.Security.Cryptography;
using System.Text;

namespace CleanShop.Services;

// Order confirmations for the fulfilment partner carry a checksum and a signature.
public sealed class LegacyOrderSigner : IDisposable
{
    private readonly RSA _signingKey = RSA.Create(3072);

    public string Checksum(string orderJson) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(orderJson)));

    public byte[] Sign(string orderJson) =>
        _signingKey.SignData(Encoding.UTF8.GetBytes(orderJson), HashAlgorithmName.SHA256, RSASignaturePadding.Pss);

    public void Dispose() => _signingKey.Dispose();
}
