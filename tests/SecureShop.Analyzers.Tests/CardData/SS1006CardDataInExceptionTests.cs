using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.CardData.SS1006CardDataInExceptionAnalyzer>;

namespace SecureShop.Analyzers.Tests.CardData;

public class SS1006CardDataInExceptionTests
{
    private static DiagnosticResult Expected(int location, string name, string exception) =>
        V.Diagnostic(Descriptors.SS1006CardDataInException).WithLocation(location).WithArguments(name, exception);

    // ---- positives ----

    [Test]
    public Task InterpolatedMessage() => V.AnalyzerAsync("""
        class Pay { void Check(string cardNumber) => throw new System.InvalidOperationException({|#0:$"Card {cardNumber} declined"|}); }
        """, Expected(0, "cardNumber", "InvalidOperationException"));

    [Test]
    public Task ConcatenatedCvvWithInnerException() => V.AnalyzerAsync("""
        class Pay
        {
            void Check(string cvc, System.Exception inner) => throw new System.ArgumentException({|#0:"bad cvc " + cvc|}, inner);
        }
        """, Expected(0, "cvc", "ArgumentException"));

    [Test]
    public Task CustomExceptionThroughLocal() => V.AnalyzerAsync("""
        public class PaymentDeclinedException : System.Exception { public PaymentDeclinedException(string message) : base(message) { } }
        class Pay
        {
            void Check(string pan)
            {
                var message = string.Format("Declined: {0}", pan);
                throw new PaymentDeclinedException({|#0:message|});
            }
        }
        """, Expected(0, "pan", "PaymentDeclinedException"));

    [Test]
    public Task DtoPropertyInExceptionCreatedNotThrown() => V.AnalyzerAsync("""
        public class CardForm { public string CardNumber { get; set; } = ""; }
        class Pay
        {
            System.Exception Fail(CardForm form) => new System.ApplicationException({|#0:form.CardNumber|});
        }
        """, Expected(0, "CardNumber", "ApplicationException"));

    [Test]
    public Task RecordToStringInMessage() => V.AnalyzerAsync("""
        public record Card(string CardNumber, string Brand);
        class Pay
        {
            void Check(Card card) => throw new System.Exception({|#0:$"Invalid {card}"|});
        }
        """, Expected(0, "card.CardNumber", "Exception"));

    [Test]
    public Task StripeSdkNumberInArgumentException() => V.AnalyzerAsync("""
        class Pay
        {
            void Check(Stripe.CardCreateNestedOptions card) => throw new System.ArgumentOutOfRangeException("card", {|#0:card.Number|}, "bad");
        }
        """, Expected(0, "Number", "ArgumentOutOfRangeException"));

    // ---- near misses ----

    [Test]
    public Task ParameterNameIsNotTheValue() => V.AnalyzerAsync("""
        class Pay { void Check(string cardNumber) { if (cardNumber.Length < 13) throw new System.ArgumentException("too short", nameof(cardNumber)); } }
        """);

    [Test]
    public Task MaskedValueInMessage() => V.AnalyzerAsync("""
        class Pay
        {
            static string Mask(string s) => "****" + s[^4..];
            void Check(string cardNumber) => throw new System.InvalidOperationException($"Card {Mask(cardNumber)} declined");
        }
        """);

    [Test]
    public Task Last4AndCardholder() => V.AnalyzerAsync("""
        class Pay { void Check(string last4, string cardholderName) => throw new System.Exception($"{cardholderName} ending {last4}"); }
        """);

    [Test]
    public Task ClassObjectInMessagePrintsItsTypeName() => V.AnalyzerAsync("""
        public class CardForm { public string CardNumber { get; set; } = ""; }
        class Pay { void Check(CardForm form) => throw new System.Exception($"Invalid {form}"); }
        """);

    [Test]
    public Task NotAnException() => V.AnalyzerAsync("""
        public class PaymentResult { public PaymentResult(string message) { } }
        class Pay { PaymentResult Check(string cardNumber) => new PaymentResult($"card {cardNumber}"); }
        """);

    [Test]
    public Task TokenAndGiftCard() => V.AnalyzerAsync("""
        class Pay { void Check(string paymentToken, string giftCardNumber) => throw new System.Exception($"{paymentToken} {giftCardNumber}"); }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        class Pay
        {
            void Check(string cardNumber) => throw new System.Exception({|#0:cardNumber|});
            void Broken( => throw new System.Exception(cardNumber
        """, Expected(0, "cardNumber", "Exception"));
}
