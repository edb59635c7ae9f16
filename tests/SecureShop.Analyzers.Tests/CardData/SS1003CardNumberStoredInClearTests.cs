using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.CardData.SS1003CardNumberStoredInClearAnalyzer>;

namespace SecureShop.Analyzers.Tests.CardData;

public class SS1003CardNumberStoredInClearTests
{
    private static DiagnosticResult Expected(int location, string name, string entity) =>
        V.Diagnostic(Descriptors.SS1003CardNumberStoredInClear).WithLocation(location).WithArguments(name, $"entity {entity}");

    private const string Db = """
        public class ShopDb : Microsoft.EntityFrameworkCore.DbContext
        {
            public Microsoft.EntityFrameworkCore.DbSet<SavedCard> Cards => Set<SavedCard>();
        }
        """;

    // ---- positives ----

    [Test]
    public Task PlainCardNumberProperty() => V.AnalyzerAsync(Db + """
        public class SavedCard { public int Id { get; set; } public string {|#0:CardNumber|} { get; set; } = ""; }
        """, Expected(0, "CardNumber", "SavedCard"));

    [Test]
    public Task CreditCardAttribute() => V.AnalyzerAsync(Db + """
        public class SavedCard { public int Id { get; set; } [System.ComponentModel.DataAnnotations.CreditCard] public string? {|#0:Entered|} { get; set; } }
        """, Expected(0, "Entered", "SavedCard"));

    [Test]
    public Task NumericPanInBaseClass() => V.AnalyzerAsync(Db + """
        public abstract class CardBase { public long {|#0:Pan|} { get; set; } }
        public class SavedCard : CardBase { public int Id { get; set; } }
        """, Expected(0, "Pan", "SavedCard"));

    [Test]
    public Task AssignedInClearSomewhere() => V.AnalyzerAsync(Db + """
        public class SavedCard { public int Id { get; set; } public string {|#0:CcNumber|} { get; set; } = ""; }
        class Saver
        {
            static string Encrypt(string s) => s;
            void Save(SavedCard card, string entered, bool legacy)
            {
                card.CcNumber = legacy ? entered : Encrypt(entered);
                card.CcNumber = Encrypt(entered);
            }
        }
        """, Expected(0, "CcNumber", "SavedCard"));

    [Test]
    public Task ConditionalWithOneBranchInClear() => V.AnalyzerAsync(Db + """
        public class SavedCard { public int Id { get; set; } public string {|#0:CardNumber|} { get; set; } = ""; }
        class Saver
        {
            private readonly Encryptor _encryptor = new();
            void Save(SavedCard card, string pan, bool allowed)
            {
                card.CardNumber = allowed ? _encryptor.EncryptText(pan) : pan;
            }
        }
        class Encryptor { public string EncryptText(string s) => s; }
        """, Expected(0, "CardNumber", "SavedCard"));

    [Test]
    public Task ConfiguredByModelBuilder() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class Customer { public int Id { get; set; } public string {|#0:PrimaryAccountNumber|} { get; set; } = ""; }
        public class ShopDb : DbContext
        {
            protected override void OnModelCreating(ModelBuilder b) => b.Entity<Customer>().HasKey(c => c.Id);
        }
        """, Expected(0, "PrimaryAccountNumber", "Customer"));

    [Test]
    public Task RecordEntityAndCardContextNumber() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class CreditCard { public int Id { get; set; } public string {|#0:Number|} { get; set; } = ""; public string HolderName { get; set; } = ""; }
        public class ShopDb : DbContext { public DbSet<CreditCard> Cards => Set<CreditCard>(); }
        """, Expected(0, "Number", "CreditCard"));

    [Test]
    public Task ConverterOnAnotherPropertyDoesNotCount() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class SavedCard { public int Id { get; set; } public string {|#0:CardNumber|} { get; set; } = ""; public string Note { get; set; } = ""; }
        public class ShopDb : DbContext
        {
            public DbSet<SavedCard> Cards => Set<SavedCard>();
            protected override void OnModelCreating(ModelBuilder b) =>
                b.Entity<SavedCard>().Property(c => c.Note).HasConversion(v => v.ToUpperInvariant(), v => v);
        }
        """, Expected(0, "CardNumber", "SavedCard"));

    // ---- near misses ----

    [Test]
    public Task ValueConverter() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class SavedCard { public int Id { get; set; } public string CardNumber { get; set; } = ""; }
        public class ShopDb : DbContext
        {
            public DbSet<SavedCard> Cards => Set<SavedCard>();
            protected override void OnModelCreating(ModelBuilder b) =>
                b.Entity<SavedCard>().Property(c => c.CardNumber).HasConversion(v => Protect(v), v => v);
            static string Protect(string v) => v;
        }
        """);

    [Test]
    public Task EncryptedAttribute() => V.AnalyzerAsync(Db + """
        public class EncryptedAttribute : System.Attribute { }
        public class SavedCard { public int Id { get; set; } [Encrypted] public string CardNumber { get; set; } = ""; }
        """);

    [Test]
    public Task OnlyEverAssignedTokens() => V.AnalyzerAsync(Db + """
        public class SavedCard { public int Id { get; set; } public string CardNumber { get; set; } = ""; }
        class Saver
        {
            static string Tokenize(string s) => s;
            void Save(SavedCard card, string entered) => card.CardNumber = Tokenize(entered);
        }
        """);

    [Test]
    public Task EncryptedThroughAConditional() => V.AnalyzerAsync(Db + """
        public class SavedCard { public int Id { get; set; } public string CardNumber { get; set; } = ""; }
        class Saver
        {
            private readonly Encryptor _encryptor = new();
            void Save(SavedCard card, string pan, bool allowed, int mode)
            {
                card.CardNumber = allowed ? _encryptor.EncryptText(pan) : string.Empty;
                card.CardNumber = _encryptor.EncryptText(pan) ?? "";
                card.CardNumber = mode switch { 1 => _encryptor.EncryptText(pan), _ => null! };
            }
        }
        class Encryptor { public string EncryptText(string s) => s; }
        """);

    [Test]
    public Task WhatMayBeStored() => V.AnalyzerAsync(Db + """
        public class SavedCard
        {
            public int Id { get; set; }
            public string Last4 { get; set; } = "";
            public string MaskedPan { get; set; } = "";
            public string PanHash { get; set; } = "";
            public string TokenizedCard { get; set; } = "";
            public string GiftCardNumber { get; set; } = "";
            public string CardBrand { get; set; } = "";
        }
        """);

    [Test]
    public Task NotMappedAndNotAnEntity() => V.AnalyzerAsync(Db + """
        public class SavedCard { public int Id { get; set; } [System.ComponentModel.DataAnnotations.Schema.NotMapped] public string CardNumber { get; set; } = ""; }
        public class CheckoutForm { public string CardNumber { get; set; } = ""; }
        """);

    [Test]
    public Task ClassWithoutAnyDbContext() => V.AnalyzerAsync("""
        public class SavedCard { public string CardNumber { get; set; } = ""; }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Db + """
        public class SavedCard { public string {|#0:CardNumber|} { get; set; } = ""
        """, Expected(0, "CardNumber", "SavedCard"));
}
