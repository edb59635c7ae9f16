using CleanShop.Data;
using CleanShop.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews();
builder.Services.AddShopAuthentication();
builder.Services.AddDbContext<ShopDbContext>();
builder.Services.AddScoped<CleanShop.Services.ReceiptMailer>();
builder.Services.AddScoped<CleanShop.Services.ShipmentNotifier>();
builder.Services.AddHttpClient<CleanShop.Services.ShippingRatesClient>();
builder.Services.AddShopDataProtection(builder.Configuration);
builder.Services.AddSingleton<CleanShop.Services.CardTokenCipher>();
builder.Services.AddSingleton<CleanShop.Services.GiftCardCodes>();
builder.Services.AddSingleton<CleanShop.Services.TaxServiceClient>();
builder.Services.AddSingleton<CleanShop.Services.LegacyOrderSigner>();
builder.Services.AddScoped<Stripe.PaymentMethodService>();
builder.Services.AddScoped<Stripe.PaymentIntentService>();

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseHttpsRedirection();
app.MapControllers();
app.Run();
