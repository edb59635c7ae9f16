using VulnerableShop.Data;
using VulnerableShop.Security;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews();
builder.Services.AddDbContext<ShopDbContext>();
builder.Services.AddSession();
builder.Services.AddShopAuthentication();
builder.Services.AddScoped<VulnerableShop.Services.ReceiptMailer>();

var app = builder.Build();
app.UseSession();
app.MapControllers();
app.Run();
