using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace SecureShop.Bench;

/// <summary>
/// Writes a synthetic shop solution of a given number of .cs files: four projects (domain entities,
/// EF Core data access, services with logging and Stripe payments, ASP.NET Core controllers), files of
/// ordinary length, a few planted findings per hundred files. It is a git repository whose branch
/// <c>feature</c> changes <see cref="ChangedFiles"/> files on top of <c>main</c>.
/// </summary>
internal sealed class ShopGenerator(int fileCount, string root, string analyzerAssembly)
{
    public const int ChangedFiles = 10;

    /// <summary>One planted finding every this many files.</summary>
    private const int FindingEvery = 40;

    public string SolutionPath => Path.Combine(root, "Shop.sln");

    public int PlantedFindings { get; private set; }

    public void Generate()
    {
        Directory.CreateDirectory(root);
        WriteBuildSettings();
        int domain = fileCount / 5, data = fileCount / 5, web = (fileCount * 3) / 10;
        int services = fileCount - domain - data - web;
        int entities = domain;

        WriteProject("Shop.Domain", "Microsoft.NET.Sdk", [], []);
        for (int i = 0; i < domain; i++)
        {
            Write("Shop.Domain", $"Entities/Entity{i:D4}.cs", EntityFile(i));
        }

        WriteProject("Shop.Data", "Microsoft.NET.Sdk", [("Microsoft.EntityFrameworkCore", "10.0.15")], ["Shop.Domain"]);
        Write("Shop.Data", "ShopDbContext.cs", DbContextFile(entities));
        for (int i = 0; i < data - 1; i++)
        {
            Write("Shop.Data", $"Repositories/Repository{i:D4}.cs", RepositoryFile(i, i % entities));
        }

        WriteProject("Shop.Services", "Microsoft.NET.Sdk", [("Stripe.net", "53.1.0")], ["Shop.Data"]);
        for (int i = 0; i < services; i++)
        {
            Write("Shop.Services", $"Services/Service{i:D4}.cs", ServiceFile(i, i % Math.Max(1, data - 1), i % entities));
        }

        WriteProject("Shop.Web", "Microsoft.NET.Sdk.Web", [], ["Shop.Services"]);
        Write("Shop.Web", "Program.cs", ProgramFile());
        for (int i = 0; i < web - 1; i++)
        {
            Write("Shop.Web", $"Controllers/Controller{i:D4}.cs", ControllerFile(i, i % services, i % entities));
        }

        Run(root, "dotnet", "new", "sln", "--format", "sln", "-n", "Shop");
        Run(root, "dotnet", "sln", "Shop.sln", "add", "Shop.Domain/Shop.Domain.csproj", "Shop.Data/Shop.Data.csproj", "Shop.Services/Shop.Services.csproj", "Shop.Web/Shop.Web.csproj");
        File.WriteAllText(Path.Combine(root, ".gitignore"), "bin/\nobj/\n");

        Git("init", "-q", "-b", "main");
        Git("add", "-A");
        Git("-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", "shop");
        Git("checkout", "-q", "-b", "feature");
        for (int i = 0; i < ChangedFiles; i++)
        {
            // Spread the change over the service files; the first change plants one new finding.
            int index = i * Math.Max(1, services / ChangedFiles);
            var path = Path.Combine(root, "Shop.Services", "Services", $"Service{index:D4}.cs");
            var text = File.ReadAllText(path);
            int end = text.LastIndexOf('}');
            text = text[..end] + FeatureMethod(index, plantFinding: i == 0) + "}\n";
            File.WriteAllText(path, text);
        }

        Git("add", "-A");
        Git("-c", "user.name=bench", "-c", "user.email=bench@example.invalid", "commit", "-q", "-m", "feature: ten changed files");
    }

    private void WriteBuildSettings()
    {
        // Builds measure the shop with (SecureShopAnalyzers=true) and without the analyzers, from one assembly path.
        File.WriteAllText(Path.Combine(root, "Directory.Build.props"), $"""
            <Project>
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <NoWarn>$(NoWarn);NU1603</NoWarn>
              </PropertyGroup>
              <ItemGroup Condition="'$(SecureShopAnalyzers)' == 'true'">
                <Analyzer Include="{analyzerAssembly}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(root, "nuget.config"), "<configuration><packageSources /></configuration>\n");

        // Findings are warnings here so that a failing project does not stop the build of the ones after it:
        // the timing must cover every compilation.
        File.WriteAllText(Path.Combine(root, ".globalconfig"), """
            is_global = true
            dotnet_analyzer_diagnostic.category-Security.PaymentCardData.severity = warning
            dotnet_analyzer_diagnostic.category-Security.Cryptography.severity = warning
            dotnet_analyzer_diagnostic.category-Security.Authentication.severity = warning
            dotnet_analyzer_diagnostic.category-Security.ShopLogic.severity = warning
            """);
    }

    private void WriteProject(string name, string sdk, (string Id, string Version)[] packages, string[] references)
    {
        var sb = new StringBuilder($"<Project Sdk=\"{sdk}\">\n");
        if (sdk == "Microsoft.NET.Sdk")
        {
            sb.Append("  <ItemGroup><FrameworkReference Include=\"Microsoft.AspNetCore.App\" /></ItemGroup>\n");
        }

        foreach (var (id, version) in packages)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  <ItemGroup><PackageReference Include=\"{id}\" Version=\"{version}\" /></ItemGroup>\n");
        }

        foreach (var reference in references)
        {
            sb.Append(CultureInfo.InvariantCulture, $"  <ItemGroup><ProjectReference Include=\"../{reference}/{reference}.csproj\" /></ItemGroup>\n");
        }

        sb.Append("</Project>\n");
        Write(name, name + ".csproj", sb.ToString());
    }

    private void Write(string project, string relative, string text)
    {
        var path = Path.Combine(root, project, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }

    private bool Plant(int i)
    {
        bool plant = i % FindingEvery == FindingEvery / 2;
        if (plant)
        {
            PlantedFindings++;
        }

        return plant;
    }

    private string EntityFile(int i) => $$"""
        namespace Shop.Domain.Entities;

        /// <summary>Catalog entity {{i}}.</summary>
        public class Entity{{i:D4}}
        {
            public int Id { get; set; }

            public string Name { get; set; } = "";

            public string Sku { get; set; } = "";

            public decimal Price { get; set; }

            public int Stock { get; set; }

            public DateTime CreatedAt { get; set; }

            public DateTime? UpdatedAt { get; set; }

            public string Category { get; set; } = "";

            public string Description { get; set; } = "";
        {{(Plant(i) ? "\n    public string CardNumber { get; set; } = \"\";\n" : "")}}
            public bool IsAvailable(int quantity) => Stock >= quantity && Price > 0;

            public decimal PriceFor(int quantity)
            {
                if (quantity <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(quantity));
                }

                var total = Price * quantity;
                return quantity >= 10 ? Math.Round(total * 0.95m, 2) : total;
            }

            public void Restock(int quantity)
            {
                Stock += quantity;
                UpdatedAt = DateTime.UtcNow;
            }

            public override string ToString() => $"{Sku} {Name} ({Price:C})";
        }
        """;

    private static string DbContextFile(int entities)
    {
        var sb = new StringBuilder("""
            using Microsoft.EntityFrameworkCore;
            using Shop.Domain.Entities;

            namespace Shop.Data;

            public class ShopDbContext(DbContextOptions<ShopDbContext> options) : DbContext(options)
            {

            """);
        for (int i = 0; i < entities; i++)
        {
            sb.Append(CultureInfo.InvariantCulture, $"    public DbSet<Entity{i:D4}> Entity{i:D4}Set => Set<Entity{i:D4}>();\n");
        }

        sb.Append("}\n");
        return sb.ToString();
    }

    private static string RepositoryFile(int i, int entity) => $$"""
        using Microsoft.EntityFrameworkCore;
        using Shop.Domain.Entities;

        namespace Shop.Data.Repositories;

        public class Repository{{i:D4}}(ShopDbContext db)
        {
            public Task<Entity{{entity:D4}}?> FindAsync(int id, CancellationToken ct) =>
                db.Entity{{entity:D4}}Set.FirstOrDefaultAsync(e => e.Id == id, ct);

            public Task<List<Entity{{entity:D4}}>> ListAsync(string category, int page, int size, CancellationToken ct) =>
                db.Entity{{entity:D4}}Set
                    .Where(e => e.Category == category && e.Stock > 0)
                    .OrderBy(e => e.Name)
                    .Skip(page * size)
                    .Take(size)
                    .ToListAsync(ct);

            public async Task<int> AddAsync(Entity{{entity:D4}} entity, CancellationToken ct)
            {
                entity.CreatedAt = DateTime.UtcNow;
                db.Entity{{entity:D4}}Set.Add(entity);
                await db.SaveChangesAsync(ct);
                return entity.Id;
            }

            public async Task<bool> UpdatePriceAsync(int id, decimal price, CancellationToken ct)
            {
                var entity = await FindAsync(id, ct);
                if (entity is null)
                {
                    return false;
                }

                entity.Price = price;
                entity.UpdatedAt = DateTime.UtcNow;
                await db.SaveChangesAsync(ct);
                return true;
            }

            public Task<int> CountAsync(CancellationToken ct) => db.Entity{{entity:D4}}Set.CountAsync(ct);
        }
        """;

    private string ServiceFile(int i, int repository, int entity) => $$"""
        using Microsoft.Extensions.Logging;
        using Shop.Data.Repositories;
        using Shop.Domain.Entities;
        using Stripe;

        namespace Shop.Services;

        public class Service{{i:D4}}(Repository{{repository:D4}} repository, ILogger<Service{{i:D4}}> logger)
        {
            public async Task<decimal> QuoteAsync(int id, int quantity, CancellationToken ct)
            {
                var item = await repository.FindAsync(id, ct);
                if (item is null || !item.IsAvailable(quantity))
                {
                    logger.LogWarning("Item {Id} unavailable for {Quantity}", id, quantity);
                    return 0m;
                }

                var price = item.PriceFor(quantity);
                logger.LogInformation("Quoted {Price} for {Id} x {Quantity}", price, id, quantity);
                return price;
            }

            public async Task<string> ChargeAsync(int id, int quantity, string paymentMethodId, CancellationToken ct)
            {
                var amount = await QuoteAsync(id, quantity, ct);
                var options = new PaymentIntentCreateOptions
                {
                    Amount = (long)(amount * 100),
                    Currency = "eur",
                    PaymentMethod = paymentMethodId,
                    Confirm = true,
                };
                var intent = await new PaymentIntentService().CreateAsync(options, cancellationToken: ct);
                logger.LogInformation("Payment intent {Intent} for item {Id}", intent.Id, id);
                return intent.Id;
            }
        {{(Plant(i) ? "\n    public void Audit(string cardNumber) => logger.LogInformation(\"Card {Card}\", cardNumber);\n" : "")}}
            public IReadOnlyList<Entity{{entity:D4}}> Cheapest(IEnumerable<Entity{{entity:D4}}> items, int count) =>
                items.Where(x => x.Stock > 0).OrderBy(x => x.Price).Take(count).ToList();
        }
        """;

    private static string FeatureMethod(int i, bool plantFinding) => plantFinding
        ? $$"""

              public void DebugCharge{{i}}(string cardNumber, string cvv) => logger.LogDebug("charge {Card} {Cvv}", cardNumber, cvv);

          """
        : $$"""

              public decimal Discounted{{i}}(decimal price, int percent) => percent is > 0 and < 100 ? price * (100 - percent) / 100 : price;

          """;

    private string ControllerFile(int i, int service, int entity) => $$"""
        using Microsoft.AspNetCore.Authorization;
        using Microsoft.AspNetCore.Mvc;
        using Shop.Services;

        namespace Shop.Web.Controllers;

        [ApiController]
        [Authorize]
        [Route("api/items{{i}}")]
        public class Controller{{i:D4}}(Service{{service:D4}} service) : ControllerBase
        {
            [HttpGet("{id:int}/quote")]
            public async Task<ActionResult<decimal>> Quote(int id, [FromQuery] int quantity, CancellationToken ct)
            {
                if (quantity <= 0)
                {
                    return BadRequest("quantity must be positive");
                }

                var price = await service.QuoteAsync(id, quantity, ct);
                return price == 0m ? NotFound() : Ok(price);
            }

            [HttpPost("{id:int}/buy")]
            public async Task<IActionResult> Buy(int id, [FromBody] BuyRequest{{i:D4}} request, CancellationToken ct)
            {
                var intent = await service.ChargeAsync(id, request.Quantity, request.PaymentMethodId, ct);
                return Ok(new { intent });
            }
        {{(Plant(i) ? "\n    private const string DemoCard = \"4556737586899855\";\n" : "")}}
        }

        public record BuyRequest{{i:D4}}(int Quantity, string PaymentMethodId);
        """;

    private static string ProgramFile() => """
        using Shop.Data;

        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddControllers();
        builder.Services.AddDbContext<ShopDbContext>();
        builder.Services.AddAuthorization();
        var app = builder.Build();
        app.UseHttpsRedirection();
        app.UseHsts();
        app.UseAuthorization();
        app.MapControllers();
        app.Run();
        """;

    private void Git(params string[] args) => Run(root, "git", args);

    internal static void Run(string directory, string file, params string[] args)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', args)} failed in {directory}:\n{output.Result}\n{error}");
        }
    }
}
