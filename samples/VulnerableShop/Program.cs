using VulnerableShop.Data;
using VulnerableShop.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews();
builder.Services.AddDbContext<ShopDbContext>();
builder.Services.AddSession();
builder.Services.AddShopAuthentication();
builder.Services.AddScoped<VulnerableShop.Services.ReceiptMailer>();
builder.Services.AddScoped<VulnerableShop.Services.ShipmentNotifier>();
builder.Services.AddHttpClient<VulnerableShop.Services.ShippingRatesClient>();
builder.Services.AddShopDataProtection(builder.Configuration);
builder.Services.AddSingleton<VulnerableShop.Services.CardTokenCipher>();
builder.Services.AddSingleton<VulnerableShop.Services.GiftCardCodes>();
builder.Services.AddSingleton<VulnerableShop.Services.TaxServiceClient>();
builder.Services.AddSingleton<VulnerableShop.Services.LegacyOrderSigner>();
builder.Services.AddScoped<Stripe.PaymentIntentService>();
// No UseHttpsRedirection, no UseHsts: a customer who types the shop's address stays on plain HTTP.
var app = builder.Build();
app.UseSession();
app.MapControllers();
app.Run();
