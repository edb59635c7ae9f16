using CleanShop.Data;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews();
builder.Services.AddDbContext<ShopDbContext>();
builder.Services.AddScoped<CleanShop.Services.ReceiptMailer>();
builder.Services.AddScoped<Stripe.PaymentMethodService>();

var app = builder.Build();
app.MapControllers();
app.Run();
