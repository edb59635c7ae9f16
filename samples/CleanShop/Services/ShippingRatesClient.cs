namespace CleanShop.Services;

// Asks the parcel carrier for a shipping rate at checkout, over TLS.
public class ShippingRatesClient(HttpClient http)
{
    public async Task<decimal> QuoteAsync(string postalCode, decimal weightKg)
    {
        string rate = await http.GetStringAsync($"https://api.parcel-carrier.example/v2/rates?zip={postalCode}&kg={weightKg}");
        return decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture);
    }
}
