using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SecureShop.Analyzers.Tests.Infrastructure;

namespace SecureShop.Analyzers.Tests;

/// <summary>
/// The references every analyzer test compiles against come from the running SDK and this project's
/// restore, so a fresh machine with an empty package cache and an empty temp folder gets the same
/// compilations as a machine that ran the suite before.
/// </summary>
public sealed class TestEnvironmentTests
{
    [Test]
    public void ReferencePacksAreTheRunningSdksOwn()
    {
        var packs = ReferencePacks.Locate();
        Assert.That(packs.Folders, Has.Length.EqualTo(ReferencePacks.PackNames.Length));
        foreach (var folder in packs.Folders)
        {
            Assert.That(folder, Does.StartWith(Path.Combine(packs.DotNetRoot, "packs")));
            Assert.That(Path.GetFileName(folder), Is.EqualTo($"net{Environment.Version.Major}.0"));
        }

        Assert.That(packs.Folders[0], Does.Contain("Microsoft.NETCore.App.Ref"));
        Assert.That(packs.Folders[1], Does.Contain("Microsoft.AspNetCore.App.Ref"));
    }

    [Test]
    public void ShopCodeCompilesWithoutErrors()
    {
        const string source = """
            using System.Threading.Tasks;
            using Microsoft.AspNetCore.Authorization;
            using Microsoft.AspNetCore.Identity;
            using Microsoft.AspNetCore.Mvc;
            using Microsoft.EntityFrameworkCore;
            using Microsoft.Extensions.Logging;

            public sealed class Customer { public int Id { get; set; } public string Email { get; set; } = ""; }
            public sealed class ShopDb : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }

            [Authorize]
            public sealed class AccountController : Controller
            {
                private readonly ILogger<AccountController> _logger;
                private readonly PasswordHasher<Customer> _hasher = new();
                public AccountController(ILogger<AccountController> logger) => _logger = logger;

                public Task<IActionResult> Index()
                {
                    _logger.LogInformation("{Hash}", _hasher.HashPassword(new Customer(), "x").Length);
                    return Task.FromResult<IActionResult>(Ok());
                }
            }
            """;
        var compilation = CSharpCompilation.Create(
            "Environment",
            [CSharpSyntaxTree.ParseText(source)],
            TestReferences.All,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));

        var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString());
        Assert.That(errors, Is.Empty);
    }
}
