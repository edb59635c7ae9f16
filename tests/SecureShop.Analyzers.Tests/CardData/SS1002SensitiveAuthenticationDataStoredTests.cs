using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.CardData.SS1002SensitiveAuthenticationDataStoredAnalyzer>;

namespace SecureShop.Analyzers.Tests.CardData;

public class SS1002SensitiveAuthenticationDataStoredTests
{
    private static DiagnosticResult Expected(int location, string name, string sink) =>
        V.Diagnostic(Descriptors.SS1002SensitiveAuthenticationDataStored).WithLocation(location).WithArguments(name, sink);

    // ---- positives ----

    [Test]
    public Task EntityPropertyInDbSet() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class SavedCard { public int Id { get; set; } public string {|#0:Cvv|} { get; set; } = ""; }
        public class ShopDb : DbContext { public DbSet<SavedCard> Cards => Set<SavedCard>(); }
        """, Expected(0, "Cvv", "entity SavedCard"));

    [Test]
    public Task EntityConfiguredInOnModelCreatingEvenWhenEncrypted() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class Payment { public int Id { get; set; } [Encrypted] public string {|#0:Track2Data|} { get; set; } = ""; }
        public class EncryptedAttribute : System.Attribute { }
        public class ShopDb : DbContext
        {
            protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.Entity<Payment>();
        }
        """, Expected(0, "Track2Data", "entity Payment"));

    [Test]
    public Task SqlParameterAndAddWithValue() => V.AnalyzerAsync("""
        using Microsoft.Data.SqlClient;
        class Repo
        {
            void Save(SqlCommand cmd, string cvc, string pinBlock)
            {
                cmd.Parameters.AddWithValue("@cvc", {|#0:cvc|});
                cmd.Parameters.Add(new SqlParameter("@pin", {|#1:pinBlock|}));
            }
        }
        """, Expected(0, "cvc", "a database command parameter"), Expected(1, "pinBlock", "a database command parameter"));

    [Test]
    public Task DapperParameterObject() => V.AnalyzerAsync("""
        using Dapper;
        public record CardForm(string CardNumber, string SecurityCode);
        class Repo
        {
            void Save(System.Data.IDbConnection db, CardForm form) =>
                db.Execute("insert into cards values (@CardNumber, @SecurityCode)", {|#0:new { form.CardNumber, form.SecurityCode }|});
        }
        """, Expected(0, "SecurityCode", "a database command (Dapper)"));

    [Test]
    public Task FileWriteThroughInterpolation() => V.AnalyzerAsync("""
        class Audit
        {
            void Write(string cardNumber, string cvv2)
            {
                var line = $"{cardNumber};{cvv2}";
                System.IO.File.AppendAllText("/var/log/cards.csv", {|#0:line|});
            }
        }
        """, Expected(0, "cvv2", "a file"));

    [Test]
    public Task SessionCacheAndTempData() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Http;
        using Microsoft.AspNetCore.Mvc;
        using Microsoft.Extensions.Caching.Distributed;
        using Microsoft.Extensions.Caching.Memory;
        public class PayController : Controller
        {
            public IActionResult Confirm(string cvv, IDistributedCache cache, IMemoryCache memory)
            {
                HttpContext.Session.SetString("cvv", {|#0:cvv|});
                cache.SetString("order-1-cvv", {|#1:cvv|});
                memory.Set("cvv", {|#2:cvv|});
                TempData["cvv"] = {|#3:cvv|};
                Response.Cookies.Append("cvv", {|#4:cvv|});
                return View();
            }
        }
        """,
        Expected(0, "cvv", "the session"),
        Expected(1, "cvv", "a distributed cache"),
        Expected(2, "cvv", "a memory cache"),
        Expected(3, "cvv", "TempData"),
        Expected(4, "cvv", "a cookie"));

    [Test]
    public Task StripeSdkCvcToFile() => V.AnalyzerAsync("""
        class Audit
        {
            void Write(Stripe.PaymentMethodCardOptions card, System.IO.StreamWriter writer) => writer.WriteLine({|#0:card.Cvc|});
        }
        """, Expected(0, "Cvc", "a file"));

    // ---- near misses ----

    [Test]
    public Task EntityWithoutSensitiveAuthenticationData() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class SavedCard
        {
            public int Id { get; set; }
            public string Last4 { get; set; } = "";
            public string CardholderName { get; set; } = "";
            public string PaymentMethodId { get; set; } = "";
            public bool CvvChecked { get; set; }
        }
        public class ShopDb : DbContext { public DbSet<SavedCard> Cards => Set<SavedCard>(); }
        """);

    [Test]
    public Task CvvOnANonPersistedViewModel() => V.AnalyzerAsync("""
        public class CheckoutForm { public string Cvv { get; set; } = ""; public string CardNumber { get; set; } = ""; }
        """);

    [Test]
    public Task CvvSentToTheGatewayIsNotStored() => V.AnalyzerAsync("""
        class Pay
        {
            async System.Threading.Tasks.Task Charge(string cvc, string number)
            {
                var options = new Stripe.PaymentMethodCreateOptions { Type = "card", Card = new Stripe.PaymentMethodCardOptions { Number = number, Cvc = cvc } };
                await new Stripe.PaymentMethodService().CreateAsync(options);
            }
        }
        """);

    [Test]
    public Task KeysAndFlagsAreNotValues() => V.AnalyzerAsync("""
        using Microsoft.AspNetCore.Http;
        class Pay
        {
            void Save(ISession session, Microsoft.Data.SqlClient.SqlCommand cmd, bool cvvMatched, string orderId)
            {
                session.SetString("cvv-checked", cvvMatched.ToString());
                cmd.Parameters.AddWithValue("@cvv_result", cvvMatched);
                cmd.Parameters.AddWithValue("@order", orderId);
            }
        }
        """);

    [Test]
    public Task PinOutsideCardContext() => V.AnalyzerAsync("""
        public class SupportAccount { public string Pin { get; set; } = ""; }
        class Support
        {
            void Save(SupportAccount account) => System.IO.File.WriteAllText("pin.txt", account.Pin);
        }
        """);

    [Test]
    public Task TokenizedValueInCache() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Caching.Memory;
        class Pay
        {
            static string Tokenize(string value) => value.GetHashCode().ToString();
            void Save(IMemoryCache cache, string cvv) => cache.Set("cvv-token", Tokenize(cvv));
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using Microsoft.EntityFrameworkCore;
        public class SavedCard { public string {|#0:Cvv|} { get; set; } = "" }
        public class ShopDb : DbContext { public DbSet<SavedCard> Cards => Set<SavedCard>(;
        """, Expected(0, "Cvv", "entity SavedCard"));

    // ---- more stores: serializers, XML, CSV, mapped fields, owned types ----

    [Test]
    public Task SerializedIntoAFileOrCsv() => V.AnalyzerAsync("""
        using System.Collections.Generic;
        using System.IO;
        namespace CsvHelper { public class CsvWriter { public CsvWriter(TextWriter writer, System.Globalization.CultureInfo culture) { } public void WriteRecords(System.Collections.IEnumerable records) { } } }
        public class CardRow { public string Cvv { get; set; } = ""; }
        class Export
        {
            void Write(CardRow row, List<CardRow> rows, CsvHelper.CsvWriter csv)
            {
                using var stream = File.Create("cards.xml");
                new System.Xml.Serialization.XmlSerializer(typeof(CardRow)).Serialize(stream, {|#0:row|});
                csv.WriteRecords({|#1:rows|});
            }
        }
        """, Expected(0, "row.Cvv", "a file"), Expected(1, "rows.Cvv", "a file"));

    [Test]
    public Task SerializedWithoutSadOrIntoMemory() => V.AnalyzerAsync("""
        using System.IO;
        public class CardRow { public string Cvv { get; set; } = ""; }
        public class OrderRow { public string Last4 { get; set; } = ""; }
        class Export
        {
            void Write(CardRow row, OrderRow order)
            {
                new System.Xml.Serialization.XmlSerializer(typeof(CardRow)).Serialize(new MemoryStream(), row);
                using var stream = File.Create("orders.xml");
                new System.Xml.Serialization.XmlSerializer(typeof(OrderRow)).Serialize(stream, order);
            }
        }
        """);

    [Test]
    public Task MappedFieldAndOwnedType() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class CardCheck { public string {|#1:SecurityCode|} { get; set; } = ""; }
        public class Payment { public int Id { get; set; } private string {|#0:_cvv|} = ""; public CardCheck Check { get; set; } = new(); }
        public class ShopDb : DbContext
        {
            protected override void OnModelCreating(ModelBuilder b)
            {
                b.Entity<Payment>().Property("_cvv");
                b.Entity<Payment>().OwnsOne(p => p.Check);
            }
        }
        """, Expected(0, "_cvv", "entity Payment"), Expected(1, "SecurityCode", "entity Payment"));

    [Test]
    public Task UnmappedFieldAndUnownedType() => V.AnalyzerAsync("""
        using Microsoft.EntityFrameworkCore;
        public class CardCheck { public string SecurityCode { get; set; } = ""; }
        public class Payment { public int Id { get; set; } private string _cvv = ""; [System.ComponentModel.DataAnnotations.Schema.NotMapped] public CardCheck Check { get; set; } = new(); }
        public class ShopDb : DbContext
        {
            protected override void OnModelCreating(ModelBuilder b) => b.Entity<Payment>().Ignore(p => p.Check);
        }
        """);
}
