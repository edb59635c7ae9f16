using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3001PasswordStoredInsecurelyAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

public class SS3001PasswordStoredInsecurelyTests
{
    private const string Usings = """
        using System.Security.Cryptography;
        using System.Text;
        using Microsoft.EntityFrameworkCore;

        """;

    private static DiagnosticResult Hashed(string name, string algorithm, int location = 0) =>
        V.Diagnostic(Descriptors.SS3001PasswordStoredInsecurely).WithLocation(location)
            .WithArguments(name, "hashed with " + algorithm + ", a fast hash; use ASP.NET Core Identity's PasswordHasher, PBKDF2 with 600,000 iterations, bcrypt or Argon2");

    private static DiagnosticResult Plain(string name, int location = 0) =>
        V.Diagnostic(Descriptors.SS3001PasswordStoredInsecurely).WithLocation(location)
            .WithArguments(name, "stored as plain text in the database; store only a PasswordHasher hash");

    private static DiagnosticResult PlainOutbound(string name, int location = 0) =>
        V.Diagnostic(Descriptors.SS3001PasswordStoredInsecurely).WithLocation(location)
            .WithArguments(name, "stored as plain text in the database; it is a credential for another service, so it cannot be hashed: encrypt it (Data Protection) or keep it in a secret store");

    private static Task Run(string source, params DiagnosticResult[] expected) => V.AnalyzerAsync(Usings + source, expected);

    // ---- positives ----

    [Test]
    public Task Md5OfPassword() => Run("""
        class Accounts
        {
            byte[] Hash(string password) => {|#0:MD5.HashData(Encoding.UTF8.GetBytes(password))|};
        }
        """, Hashed("password", "MD5"));

    [Test]
    public Task Sha256ComputeHashOnInstance() => Run("""
        class Accounts
        {
            byte[] Hash(string newPassword)
            {
                using var sha = SHA256.Create();
                return {|#0:sha.ComputeHash(Encoding.UTF8.GetBytes(newPassword))|};
            }
        }
        """, Hashed("newPassword", "HashAlgorithm"));

    [Test]
    public Task Sha1WithStaticSaltConcatenation() => Run("""
        class Accounts
        {
            const string Salt = "shop";
            byte[] Hash(string pwd) => {|#0:SHA1.HashData(Encoding.UTF8.GetBytes(Salt + pwd))|};
        }
        """, Hashed("pwd", "SHA1"));

    [Test]
    public Task HmacOverPasswordProperty() => Run("""
        class Register { public string Password { get; set; } = ""; }
        class Accounts
        {
            byte[] Hash(Register form, byte[] pepper) => {|#0:HMACSHA256.HashData(pepper, Encoding.UTF8.GetBytes(form.Password))|};
        }
        """, Hashed("Password", "HMACSHA256"));

    [Test]
    public Task InterpolatedPassword() => Run("""
        class Accounts
        {
            byte[] Hash(string email, string passphrase) => {|#0:SHA512.HashData(Encoding.UTF8.GetBytes($"{email}:{passphrase}"))|};
        }
        """, Hashed("passphrase", "SHA512"));

    [Test]
    public Task PlainTextPasswordOnEntity() => Run("""
        public class Customer
        {
            public int Id { get; set; }
            public string Email { get; set; } = "";
            public string {|#0:Password|} { get; set; } = "";
        }
        public class ShopDb : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }
        """, Plain("Customer.Password"));

    [Test]
    public Task EntityConfiguredInOnModelCreating() => Run("""
        public class StaffUser
        {
            public int Id { get; set; }
            public string {|#0:AdminPwd|} { get; set; } = "";
        }
        public class ShopDb : DbContext
        {
            protected override void OnModelCreating(ModelBuilder b) => b.Entity<StaffUser>();
        }
        """, Plain("StaffUser.AdminPwd"));

    [Test]
    public Task PasswordColumnAssignedHashAndPlainText() => Run("""
        public class Customer
        {
            public int Id { get; set; }
            public string {|#0:Password|} { get; set; } = "";
        }
        public class ShopDb : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }
        class Registration
        {
            private readonly Microsoft.AspNetCore.Identity.IPasswordHasher<Customer> _hasher = null!;
            void Register(Customer customer, string password) => customer.Password = _hasher.HashPassword(customer, password);
            void Import(Customer customer, string legacyPassword) => customer.Password = legacyPassword;
        }
        """, Plain("Customer.Password"));

    [Test]
    public Task SmtpAccountPasswordGetsEncryptAdvice() => Run("""
        public class EmailAccount
        {
            public int Id { get; set; }
            public string Host { get; set; } = "";
            public string Username { get; set; } = "";
            public string {|#0:Password|} { get; set; } = "";
        }
        public class ShopDb : DbContext { public DbSet<EmailAccount> EmailAccounts => Set<EmailAccount>(); }
        """, PlainOutbound("EmailAccount.Password"));

    [Test]
    public Task PasswordHandedToNetworkCredential() => Run("""
        public class Warehouse
        {
            public int Id { get; set; }
            public string Login { get; set; } = "";
            public string {|#0:Password|} { get; set; } = "";
        }
        public class ShopDb : DbContext { public DbSet<Warehouse> Warehouses => Set<Warehouse>(); }
        class Uploader
        {
            System.Net.ICredentials For(Warehouse w) => new System.Net.NetworkCredential(w.Login, w.Password);
        }
        """, PlainOutbound("Warehouse.Password"));

    // ---- near-miss negatives ----

    [Test]
    public Task HashOfNonPassword() => Run("""
        class Etags
        {
            byte[] Etag(string productJson) => SHA256.HashData(Encoding.UTF8.GetBytes(productJson));
        }
        """);

    [Test]
    public Task PasswordHashPropertyOnEntity() => Run("""
        public class Customer
        {
            public int Id { get; set; }
            public string PasswordHash { get; set; } = "";
            public string PasswordSalt { get; set; } = "";
        }
        public class ShopDb : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }
        """);

    [Test]
    public Task PasswordColumnOnlyAssignedHasherOutput() => Run("""
        public class Customer
        {
            public int Id { get; set; }
            public string Password { get; set; } = "";
        }
        public class ShopDb : DbContext { public DbSet<Customer> Customers => Set<Customer>(); }
        class Registration
        {
            private readonly Microsoft.AspNetCore.Identity.IPasswordHasher<Customer> _hasher = null!;
            void Register(Customer customer, string password) => customer.Password = _hasher.HashPassword(customer, password);
            void Reset(Customer customer, string newPassword, bool valid) => customer.Password = valid ? _hasher.HashPassword(customer, newPassword) : "";
        }
        """);

    [Test]
    public Task SmtpAccountPasswordOnlyAssignedEncrypted() => Run("""
        public class EmailAccount
        {
            public int Id { get; set; }
            public string Password { get; set; } = "";
        }
        public class ShopDb : DbContext { public DbSet<EmailAccount> EmailAccounts => Set<EmailAccount>(); }
        class Settings
        {
            private readonly Microsoft.AspNetCore.DataProtection.IDataProtector _protector = null!;
            // the string overload of Protect is an extension method of DataProtectionCommonExtensions
            void Save(EmailAccount account, string password) =>
                account.Password = Microsoft.AspNetCore.DataProtection.DataProtectionCommonExtensions.Protect(_protector, password);
        }
        """);

    [Test]
    public Task PasswordOnViewModelNotPersisted() => Run("""
        public class LoginForm
        {
            public string Email { get; set; } = "";
            public string Password { get; set; } = "";
        }
        """);

    [Test]
    public Task IdentityPasswordHasher() => Run("""
        public class ShopUser : Microsoft.AspNetCore.Identity.IdentityUser { }
        class Accounts
        {
            string Hash(ShopUser user, string password) => new Microsoft.AspNetCore.Identity.PasswordHasher<ShopUser>().HashPassword(user, password);
        }
        """);

    [Test]
    public Task Pbkdf2IsNotAFastHash() => Run("""
        class Accounts
        {
            byte[] Hash(string password, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(password, salt, 600_000, HashAlgorithmName.SHA256, 32);
        }
        """);

    [Test]
    public Task HashingAPasswordResetToken() => Run("""
        class Accounts
        {
            byte[] Store(string passwordResetToken) => SHA256.HashData(Encoding.UTF8.GetBytes(passwordResetToken));
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Usings + """
        class Accounts
        {
            byte[] Hash(string password) => {|#0:MD5.HashData(Encoding.UTF8.GetBytes(password))|};
            byte[] Broken(string pwd) => SHA1.HashData(Encoding.UTF8.GetBytes(;
        """, Hashed("password", "MD5"));
}
