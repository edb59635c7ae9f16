using CleanShop.Data;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddControllersWithViews();
builder.Services.AddDbContext<ShopDbContext>();

var app = builder.Build();
app.MapControllers();
app.Run();
