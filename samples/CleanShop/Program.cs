using CleanShop.Data;
using CleanShop.Security;
using Microsoft.AspNetCore.RateLimiting;

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
builder.Services.AddRateLimiter(options =>
{
    options.AddFixedWindowLimiter("payments", window =>
    {
        window.PermitLimit = 5;
        window.Window = TimeSpan.FromMinutes(1);
    });
    options.AddFixedWindowLimiter("password-reset", window =>
    {
        window.PermitLimit = 3;
        window.Window = TimeSpan.FromMinutes(15);
    });
});

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/Error");
    app.UseHsts();
}

app.UseHttpsRedirection();
app.UseRateLimiter();
app.MapControllers();
app.Run();
