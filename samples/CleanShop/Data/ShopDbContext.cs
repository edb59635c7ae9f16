using CleanShop.Models;
using Microsoft.EntityFrameworkCore;

namespace CleanShop.Data;

public class ShopDbContext : DbContext
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<StoredCard> StoredCards => Set<StoredCard>();
}
