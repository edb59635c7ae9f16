using System.Net.Http.Json;
using System.Net.Security;

namespace CleanShop.Services;

/// <summary>Asks the tax provider for the sales tax of a basket.</summary>
public class TaxServiceClient
{
    private readonly HttpClient _http;

    public TaxServiceClient()
    {
        // The operating system chooses the TLS version and validates the certificate; the sandbox's self-signed
        // certificate is trusted by installing it on the test machines, not by switching the check off.
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                RemoteCertificateValidationCallback = (sender, certificate, chain, errors) => errors == SslPolicyErrors.None,
            },
        };
        _http = new HttpClient(handler) { BaseAddress = new Uri("https://api.taxprovider.example/") };
    }

    public async Task<decimal> SalesTaxAsync(string postalCode, decimal amount)
    {
        var quote = await _http.GetFromJsonAsync<TaxQuote>($"v2/rates?postalCode={Uri.EscapeDataString(postalCode)}&amount={amount}");
        return quote?.Tax ?? 0m;
    }

    private sealed record TaxQuote(decimal Tax);
}
