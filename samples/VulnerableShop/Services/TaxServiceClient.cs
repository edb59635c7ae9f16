using System.Net.Http.Json;
using System.Security.Authentication;

namespace VulnerableShop.Services;

/// <summary>Asks the tax provider for the sales tax of a basket.</summary>
public class TaxServiceClient
{
    private readonly HttpClient _http;

    public TaxServiceClient()
    {
#pragma warning disable SYSLIB0039 // the provider's old gateway still speaks TLS 1.1
        var handler = new HttpClientHandler
        {
            SslProtocols = SslProtocols.Tls11 | SslProtocols.Tls12,
            // The provider's sandbox has a self-signed certificate.
            ServerCertificateCustomValidationCallback = (request, certificate, chain, errors) => true,
        };
#pragma warning restore SYSLIB0039
        _http = new HttpClient(handler) { BaseAddress = new Uri("https://api.taxprovider.example/") };
    }

    public async Task<decimal> SalesTaxAsync(string postalCode, decimal amount)
    {
        var quote = await _http.GetFromJsonAsync<TaxQuote>($"v2/rates?postalCode={Uri.EscapeDataString(postalCode)}&amount={amount}");
        return quote?.Tax ?? 0m;
    }

    private sealed record TaxQuote(decimal Tax);
}
