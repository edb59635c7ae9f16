using CleanShop.Data;
using CleanShop.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews();
builder.Services.AddShopAuthentication();
builder.Services.AddDbContext<ShopDbContext>();
builder.Services.AddScoped<CleanShop.Services.ReceiptMailer>();
builder.Services.AddScoped<Stripe.PaymentMethodService>();

var app = builder.Build();
app.MapControllers();
app.Run();
