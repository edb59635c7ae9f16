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

    // ---- passwords by role, not by name ----

    [Test]
    public Task SecretArgumentOfASignInMethod() => Run("""
        class Accounts
        {
            public bool Login(string user, string secret) => Check(user, {|#0:SHA256.HashData(Encoding.UTF8.GetBytes(secret))|});
            public void ChangePassword(string userId, string current, string next) => Store(userId, {|#1:SHA1.HashData(Encoding.UTF8.GetBytes(next))|});
            bool Check(string user, byte[] digest) => digest.Length > 0;
            void Store(string user, byte[] digest) { }
        }
        """, Hashed("secret", "SHA256", 0), Hashed("next", "SHA1", 1));

    [Test]
    public Task IdentifiersOfASignInMethodOrSlowHashing() => Run("""
        class Accounts
        {
            public string Login(string user, string secret, string returnUrl)
            {
                var gravatar = MD5.HashData(Encoding.UTF8.GetBytes(user.ToLowerInvariant()));
                var etag = SHA256.HashData(Encoding.UTF8.GetBytes(returnUrl));
                using var kdf = new Rfc2898DeriveBytes(secret, RandomNumberGenerator.GetBytes(16), 600000, HashAlgorithmName.SHA256);
                return System.Convert.ToBase64String(kdf.GetBytes(32));
            }

            public byte[] Digest(string document) => SHA256.HashData(Encoding.UTF8.GetBytes(document));
        }
        """);

    [Test]
    public Task MembersOfALoginModel() => Run("""
        public class RegisterModel { public string Email { get; set; } = ""; public string Secret { get; set; } = ""; }
        public class ProfileForm
        {
            public string Email { get; set; } = "";
            [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
            public string Current { get; set; } = "";
        }
        public class Form { public string Email { get; set; } = ""; public string Pass { get; set; } = ""; }
        class Accounts
        {
            public byte[] Register(RegisterModel m) => {|#0:SHA256.HashData(Encoding.UTF8.GetBytes(m.Secret))|};
            public byte[] Update(ProfileForm f) => {|#1:SHA512.HashData(Encoding.UTF8.GetBytes(f.Current))|};
            public byte[] SignIn(Form form) => {|#2:MD5.HashData(Encoding.UTF8.GetBytes(form.Pass))|};
        }
        """, Hashed("Secret", "SHA256", 0), Hashed("Current", "SHA512", 1), Hashed("Pass", "MD5", 2));

    [Test]
    public Task IdentifierMembersOfALoginModelOrOtherModels() => Run("""
        public class RegisterModel { public string Email { get; set; } = ""; public string ApiKey { get; set; } = ""; }
        public class Article { public string Body { get; set; } = ""; }
        class Accounts
        {
            public byte[] Register(RegisterModel m) => MD5.HashData(Encoding.UTF8.GetBytes(m.Email));
            public byte[] Key(RegisterModel m) => SHA256.HashData(Encoding.UTF8.GetBytes(m.ApiKey));
            public byte[] ETag(Article a) => SHA256.HashData(Encoding.UTF8.GetBytes(a.Body));
        }
        """);

    [Test]
    public Task PasswordBoxPropertyOnAnEntity() => Run("""
        public class Member
        {
            public int Id { get; set; }
            [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.Password)]
            public string {|#0:Secret|} { get; set; } = "";
            [System.ComponentModel.DataAnnotations.DataType(System.ComponentModel.DataAnnotations.DataType.EmailAddress)]
            public string Mail { get; set; } = "";
        }
        public class ShopDb : DbContext { public DbSet<Member> Members => Set<Member>(); }
        """, Plain("Member.Secret"));
}
