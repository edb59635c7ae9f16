using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.CardData.SS1001CardDataLoggedAnalyzer>;

namespace SecureShop.Analyzers.Tests.CardData;

public class SS1001CardDataLoggedTests
{
    private const string Models = """
        using System.Collections.Generic;
        using Microsoft.Extensions.Logging;
        public class PaymentRequest
        {
            public string CardNumber { get; set; } = "";
            public string Cvv { get; set; } = "";
            public string CardholderName { get; set; } = "";
            public string Last4 { get; set; } = "";
            public string GiftCardNumber { get; set; } = "";
            public string PaymentMethodToken { get; set; } = "";
            public decimal Amount { get; set; }
        }
        public record CardPayment(string CardNumber, decimal Amount);
        """;

    private static DiagnosticResult Expected(string name, string sink) =>
        V.Diagnostic(Descriptors.SS1001CardDataLogged).WithLocation(0).WithArguments(name, sink);

    // ---- positives ----

    [Test]
    public Task MessageTemplateArgument() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Pay(Microsoft.Extensions.Logging.ILogger<Checkout> logger, PaymentRequest request)
            {
                Microsoft.Extensions.Logging.LoggerExtensions.LogInformation(logger, "Charging {Card}", {|#0:request.CardNumber|});
            }
        }
        """, Expected("CardNumber", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task ThroughALocalAndInterpolation() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Checkout
        {
            void Pay(ILogger logger, string cardNumber)
            {
                var pan = cardNumber.Trim();
                logger.LogWarning({|#0:$"Declined card {pan}"|});
            }
        }
        """, Expected("pan", "a log or trace (ILogger.LogWarning)"));

    [Test]
    public Task CvvConcatenatedToConsole() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Debug(PaymentRequest request) => System.Console.WriteLine({|#0:"cvv=" + request.Cvv|});
        }
        """, Expected("Cvv", "a log or trace (Console.WriteLine)"));

    [Test]
    public Task StructuredLoggingOfTheWholeObject() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Pay(ILogger logger, PaymentRequest request) => logger.LogInformation("Payment {@Payment}", {|#0:request|});
        }
        """, Expected("request.CardNumber", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task RecordPrintedByItsGeneratedToString() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Pay(Serilog.ILogger log, CardPayment payment) => log.Information("Paying {Payment}", {|#0:payment|});
        }
        """, Expected("payment.CardNumber", "a log or trace (Serilog.Information)"));

    [Test]
    public Task SerilogStaticLogWithStringFormat() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Pay(PaymentRequest request) => Serilog.Log.Error({|#0:string.Format("card {0} failed", request.CardNumber)|});
        }
        """, Expected("CardNumber", "a log or trace (Serilog.Error)"));

    [Test]
    public Task NLogWithStringBuilder() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            private static readonly NLog.Logger Log = NLog.LogManager.GetCurrentClassLogger();
            void Pay(PaymentRequest request)
            {
                var sb = new System.Text.StringBuilder();
                sb.Append("card ").Append(request.CardNumber);
                sb.Append(request.CardNumber);
                Log.Info({|#0:sb.ToString()|});
            }
        }
        """, Expected("CardNumber", "a log or trace (NLog.Info)"));

    [Test]
    public Task TraceAndBeginScopeWithDictionary() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Pay(ILogger logger, PaymentRequest request)
            {
                using var scope = logger.BeginScope({|#0:new Dictionary<string, object> { ["pan"] = request.CardNumber }|});
            }
        }
        """, Expected("pan", "a log or trace (ILogger.BeginScope)"));

    [Test]
    public Task StripeSdkMemberAndCreditCardAttribute() => V.AnalyzerAsync("""
        using System.ComponentModel.DataAnnotations;
        class Form { [CreditCard] public string Entered { get; set; } = ""; }
        class Checkout
        {
            void Pay(Stripe.PaymentMethodCardOptions card, Form form)
            {
                System.Diagnostics.Trace.TraceInformation({|#0:card.Number|});
                System.Diagnostics.Debug.WriteLine({|#1:form.Entered|});
            }
        }
        """,
        Expected("Number", "a log or trace (Trace.TraceInformation)"),
        V.Diagnostic(Descriptors.SS1001CardDataLogged).WithLocation(1).WithArguments("Entered", "a log or trace (Debug.WriteLine)"));

    [Test]
    public Task LoggerMessageGeneratedMethod() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        static partial class Log
        {
            [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Charging {CardNumber}")]
            public static partial void Charging(ILogger logger, string cardNumber);
            public static partial void Charging(ILogger logger, string cardNumber) { }
        }
        class Checkout
        {
            void Pay(ILogger logger, string pan) => Log.Charging(logger, {|#0:pan|});
        }
        """, Expected("pan", "a log or trace ([LoggerMessage].Charging)"));

    [Test]
    public Task ConsoleErrorStream() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Fail(PaymentRequest request) => System.Console.Error.WriteLine({|#0:$"failed: {request.Cvv}"|});
        }
        """, Expected("Cvv", "a log or trace (Console.Error.WriteLine)"));

    [Test]
    public Task FormFieldReadByKey() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Checkout
        {
            void Pay(ILogger logger, Microsoft.AspNetCore.Http.HttpRequest request)
            {
                string number = request.Form["card_number"].ToString();
                logger.LogDebug("posted {Number}", {|#0:number|});
                logger.LogDebug("posted {Field}", request.Form["cardholder_name"].ToString());
            }
        }
        """, Expected("card_number", "a log or trace (ILogger.LogDebug)"));

    [Test]
    public Task ConfiguredExtraName() => V.AnalyzerAsync("""
        class Checkout
        {
            void Pay(string acctNo) => System.Console.WriteLine({|#0:acctNo|});
        }
        """, "secureshop.card_data_names = AcctNo", null, Expected("acctNo", "a log or trace (Console.WriteLine)"));

    // ---- near misses ----

    [Test]
    public Task MaskedLast4NameAndToken() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            static string MaskPan(string pan) => "**** " + pan.Substring(pan.Length - 4);
            void Pay(ILogger logger, PaymentRequest request)
            {
                logger.LogInformation("Card {Card}", MaskPan(request.CardNumber));
                logger.LogInformation("Card ending {Last4} for {Name}", request.Last4, request.CardholderName);
                logger.LogInformation("Token {Token}", request.PaymentMethodToken);
                logger.LogInformation("Tail {Tail}", request.CardNumber.Substring(request.CardNumber.Length - 4));
            }
        }
        """);

    [Test]
    public Task GiftCardAndAmounts() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Pay(PaymentRequest request)
            {
                System.Console.WriteLine($"Gift card {request.GiftCardNumber} for {request.Amount}");
                System.Console.WriteLine(request.CardNumber.Length);
            }
        }
        """);

    [Test]
    public Task WholeObjectWithoutDestructuringLogsOnlyItsTypeName() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Pay(ILogger logger, PaymentRequest request) => logger.LogInformation("Payment {Payment}", request);
        }
        """);

    [Test]
    public Task CardDataUsedButNotLogged() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            bool Pay(ILogger logger, PaymentRequest request)
            {
                bool valid = request.CardNumber.StartsWith("4");
                logger.LogInformation("Valid: {Valid}", valid);
                return valid;
            }
        }
        """);

    [Test]
    public Task HiddenMemberAndOtherNames() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        public class Order
        {
            [System.Text.Json.Serialization.JsonIgnore] public string CardNumber { get; set; } = "";
            public int Id { get; set; }
        }
        class Checkout
        {
            void Pay(ILogger logger, Order order, string cardType, string panelId, int cid)
            {
                logger.LogInformation("Order {@Order}", order);
                logger.LogInformation("{Type} {Panel} {Correlation}", cardType, panelId, cid);
            }
        }
        """);

    [Test]
    public Task ConfiguredNotCardData() => V.AnalyzerAsync("""
        class Checkout
        {
            void Pay(string loyaltyPan) => System.Console.WriteLine(loyaltyPan);
            void Other(string storePan) => System.Console.WriteLine(storePan);
        }
        """, "secureshop.not_card_data_names = LoyaltyPan", null);

    [Test]
    public Task SettingNameConstant() => V.AnalyzerAsync("""
        class Checkout
        {
            const string CardNumberField = "cardNumber";
            void Pay() => System.Console.WriteLine(CardNumberField);
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        using Microsoft.Extensions.Logging;
        class Checkout
        {
            void Pay(ILogger logger, string cardNumber)
            {
                logger.LogInformation("x {Card}", {|#0:cardNumber|});
                logger.LogInformation($"{cardNumber
            }
            void Broken( {
        """, Expected("cardNumber", "a log or trace (ILogger.LogInformation)"));
}
