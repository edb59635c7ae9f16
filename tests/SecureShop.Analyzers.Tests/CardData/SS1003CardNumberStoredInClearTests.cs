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

    // ---- card numbers written to files ----

    private static DiagnosticResult InFile(int location, string name) =>
        V.Diagnostic(Descriptors.SS1003CardNumberStoredInClear).WithLocation(location).WithArguments(name, "a file");

    [Test]
    public Task FileWriteAllTextAndAppendAllLines() => V.AnalyzerAsync("""
        using System.IO;
        class Export
        {
            void Write(string cardNumber, string pan)
            {
                File.WriteAllText("cards.txt", {|#0:$"card: {cardNumber}"|});
                File.AppendAllLines("cards.txt", {|#1:new[] { pan }|});
            }
        }
        """, InFile(0, "cardNumber"), InFile(1, "pan"));

    [Test]
    public Task FileWritesOfMaskedOrEncryptedValues() => V.AnalyzerAsync("""
        using System.IO;
        class Export
        {
            static string Encrypt(string s) => s;
            static string MaskPan(string s) => s;
            void Write(string cardNumber)
            {
                File.WriteAllText("cards.txt", Encrypt(cardNumber));
                File.AppendAllText("cards.txt", MaskPan(cardNumber));
                File.AppendAllText("cards.txt", "****" + cardNumber.Substring(cardNumber.Length - 4));
            }
        }
        """);

    [Test]
    public Task StreamWriterOverAFile() => V.AnalyzerAsync("""
        using System.IO;
        class Export
        {
            void Write(string cardNumber)
            {
                using var writer = new StreamWriter("cards.csv");
                writer.WriteLine({|#0:cardNumber|});
            }
        }
        """, InFile(0, "cardNumber"));

    [Test]
    public Task StreamWriterOverMemoryOrUnknownTarget() => V.AnalyzerAsync("""
        using System.IO;
        class Export
        {
            void Write(string cardNumber, StreamWriter given)
            {
                using var writer = new StreamWriter(new MemoryStream());
                writer.WriteLine(cardNumber);
                given.WriteLine(cardNumber);
            }
        }
        """);

    [Test]
    public Task SerializersIntoAFile() => V.AnalyzerAsync("""
        using System.IO;
        public class CardRow { public string CardNumber { get; set; } = ""; public string Name { get; set; } = ""; }
        class Export
        {
            void Write(CardRow row)
            {
                using var stream = File.Create("cards.xml");
                new System.Xml.Serialization.XmlSerializer(typeof(CardRow)).Serialize(stream, {|#0:row|});
                using var json = new FileStream("cards.json", FileMode.Create);
                System.Text.Json.JsonSerializer.Serialize(json, {|#1:row|});
                File.WriteAllText("card.json", {|#2:System.Text.Json.JsonSerializer.Serialize(row)|});
            }
        }
        """, InFile(0, "row.CardNumber"), InFile(1, "row.CardNumber"), InFile(2, "row.CardNumber"));

    [Test]
    public Task SerializersIntoMemoryOrOfSafeRows() => V.AnalyzerAsync("""
        using System.IO;
        public class CardRow { public string CardNumber { get; set; } = ""; }
        public class MaskedRow { public string Last4 { get; set; } = ""; }
        class Export
        {
            void Write(CardRow row, MaskedRow masked)
            {
                var memory = new MemoryStream();
                new System.Xml.Serialization.XmlSerializer(typeof(CardRow)).Serialize(memory, row);
                using var stream = File.Create("cards.xml");
                new System.Xml.Serialization.XmlSerializer(typeof(MaskedRow)).Serialize(stream, masked);
            }
        }
        """);

    [Test]
    public Task XDocumentSaved() => V.AnalyzerAsync("""
        using System.Xml.Linq;
        class Export
        {
            static string Last4(string s) => s;
            void Write(string cardNumber)
            {
                var doc = new XDocument(new XElement("card", new XElement("number", cardNumber)));
                {|#0:doc|}.Save("cards.xml");
                var safe = new XDocument(new XElement("card", new XElement("last4", Last4(cardNumber))));
                safe.Save("cards.xml");
            }
        }
        """, InFile(0, "cardNumber"));

    [Test]
    public Task CsvWriterRecords() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        namespace CsvHelper { public class CsvWriter { public CsvWriter(TextWriter writer, System.Globalization.CultureInfo culture) { } public void WriteRecords(System.Collections.IEnumerable records) { } } }
        public class CardRow { public string CardNumber { get; set; } = ""; }
        public class TokenRow { public string CardToken { get; set; } = ""; }
        class Export
        {
            void Write(List<CardRow> rows, List<TokenRow> tokens)
            {
                var csv = new CsvHelper.CsvWriter(new StreamWriter("cards.csv"), System.Globalization.CultureInfo.InvariantCulture);
                csv.WriteRecords({|#0:rows|});
                csv.WriteRecords(tokens);
            }
        }
        """, InFile(0, "rows.CardNumber"));

    // ---- EF Core shapes: configurations, private fields, owned types ----

    [Test]
    public Task PrivateFieldMappedInEntityTypeConfiguration() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;
        public class Wallet { public int Id { get; set; } private string {|#0:_cardNumber|} = ""; private string _pan = ""; public void Set(string n) { _cardNumber = n; _pan = Encrypt(n); } static string Encrypt(string s) => s; }
        public class WalletConfiguration : IEntityTypeConfiguration<Wallet>
        {
            public void Configure(EntityTypeBuilder<Wallet> builder)
            {
                builder.Property("_cardNumber");
                builder.Property<string>("_pan");
            }
        }
        public class ShopDb : DbContext
        {
            protected override void OnModelCreating(ModelBuilder b) => b.ApplyConfigurationsFromAssembly(typeof(ShopDb).Assembly);
        }
        """, Expected(0, "_cardNumber", "Wallet"));

    [Test]
    public Task FieldMappedWithConverterOrConfigurationNotApplied() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        using Microsoft.EntityFrameworkCore.Metadata.Builders;
        public class Wallet { public int Id { get; set; } private string _cardNumber = ""; }
        public class Legacy { public int Id { get; set; } private string _pan = ""; }
        public class WalletConfiguration : IEntityTypeConfiguration<Wallet>
        {
            public void Configure(EntityTypeBuilder<Wallet> builder) => builder.Property<string>("_cardNumber").HasConversion(v => Protect(v), v => v);
            static string Protect(string v) => v;
        }
        public class LegacyConfiguration : IEntityTypeConfiguration<Legacy>
        {
            public void Configure(EntityTypeBuilder<Legacy> builder) => builder.Property("_pan");
        }
        public class ShopDb : DbContext
        {
            protected override void OnModelCreating(ModelBuilder b) => b.ApplyConfiguration(new WalletConfiguration());
        }
        """);

    [Test]
    public Task HasFieldBackingField() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class Wallet { public int Id { get; set; } private string {|#0:_pan|} = ""; [System.ComponentModel.DataAnnotations.Schema.NotMapped] public string Display => "****"; public string Shown { get; set; } = ""; }
        public class ShopDb : DbContext
        {
            protected override void OnModelCreating(ModelBuilder b) => b.Entity<Wallet>().Property(w => w.Shown).HasField("_pan");
        }
        """, Expected(0, "_pan", "Wallet"));

    [Test]
    public Task OwnedTypeWithCardNumber() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class PaymentCard { public string {|#0:CardNumber|} { get; set; } = ""; public string Brand { get; set; } = ""; }
        public class Order { public int Id { get; set; } public PaymentCard Card { get; set; } = new(); }
        public class ShopDb : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
            protected override void OnModelCreating(ModelBuilder b) => b.Entity<Order>().OwnsOne(o => o.Card);
        }
        """, Expected(0, "CardNumber", "Order"));

    [Test]
    public Task OwnedTypeWithConvertedOrNotMappedCardNumber() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class PaymentCard { public string CardNumber { get; set; } = ""; }
        public class Billing { [System.ComponentModel.DataAnnotations.Schema.NotMapped] public string CardNumber { get; set; } = ""; }
        public class Order { public int Id { get; set; } public PaymentCard Card { get; set; } = new(); public Billing Billing { get; set; } = new(); }
        public class ShopDb : DbContext
        {
            public DbSet<Order> Orders => Set<Order>();
            protected override void OnModelCreating(ModelBuilder b)
            {
                b.Entity<Order>().OwnsOne(o => o.Card, card => card.Property(c => c.CardNumber).HasConversion(v => Protect(v), v => v));
                b.Entity<Order>().OwnsOne(o => o.Billing);
            }
            static string Protect(string v) => v;
        }
        """);
}
