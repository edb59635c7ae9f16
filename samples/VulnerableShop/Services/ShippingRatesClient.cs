namespace VulnerableShop.Services;

// Asks the parcel carrier for a shipping rate at checkout. The carrier's API also accepts https://.
public class ShippingRatesClient(HttpClient http)
{
    public async Task<decimal> QuoteAsync(string postalCode, decimal weightKg)
    {
        string rate = await http.GetStringAsync($"http://api.parcel-carrier.example/v2/rates?zip={postalCode}&kg={weightKg}");
        return decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture);
    }
}
