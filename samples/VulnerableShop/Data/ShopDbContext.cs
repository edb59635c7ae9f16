using Microsoft.EntityFrameworkCore;
using VulnerableShop.Models;

namespace VulnerableShop.Data;

public class ShopDbContext : DbContext
{
    public DbSet<Order> Orders => Set<Order>();

    public DbSet<StoredCard> StoredCards => Set<StoredCard>();
}
