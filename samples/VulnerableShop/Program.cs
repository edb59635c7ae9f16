using VulnerableShop.Data;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews();
builder.Services.AddDbContext<ShopDbContext>();
builder.Services.AddSession();
builder.Services.AddScoped<VulnerableShop.Services.ReceiptMailer>();

var app = builder.Build();
app.UseSession();
app.MapControllers();
app.Run();
