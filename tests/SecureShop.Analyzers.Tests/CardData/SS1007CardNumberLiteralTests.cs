using SecureShop.Analyzers.CardData;
using SecureShop.Analyzers.Tests.Infrastructure;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.CardData.SS1007CardNumberLiteralAnalyzer>;

namespace SecureShop.Analyzers.Tests.CardData;

public class SS1007CardNumberLiteralTests
{
    private static Microsoft.CodeAnalysis.Testing.DiagnosticResult Expected(string masked) =>
        V.Diagnostic(Descriptors.SS1007CardNumberLiteral).WithLocation(0).WithArguments(masked);

    // ---- positives ----

    [Test]
    public Task StringLiteralAssignedToField() => V.AnalyzerAsync("""
        class PaymentDefaults
        {
            private string card = {|#0:"4556737586899855"|};
        }
        """, Expected("4556 73** **** 9855"));

    [Test]
    public Task GroupedWithSpacesInLocal() => V.AnalyzerAsync("""
        class Checkout
        {
            void Pay()
            {
                var number = {|#0:"5425 2334 3010 9903"|};
                System.GC.KeepAlive(number);
            }
        }
        """, Expected("5425 23** **** 9903"));

    [Test]
    public Task DashesInsideInterpolatedString() => V.AnalyzerAsync("""
        class Checkout
        {
            string Describe(int id) => $"order {id}{|#0: card 3714-496353-98431 declined|}";
        }
        """, Expected("3714 49** ***8 431"));

    [Test]
    public Task LongNumericLiteral() => V.AnalyzerAsync("""
        class Seed
        {
            const long Pan = {|#0:4916338506082832|};
        }
        """, Expected("4916 33** **** 2832"));

    [Test]
    public Task InRecordInitializer() => V.AnalyzerAsync("""
        record Card(string Number, string Holder);
        class Seed
        {
            Card Default = new Card({|#0:"6011000990139424"|}, "J. Doe");
        }
        """, Expected("6011 00** **** 9424"));

    [Test]
    public Task InAttributeArgument() => V.AnalyzerAsync("""
        class SampleAttribute : System.Attribute { public SampleAttribute(string value) { } }
        [Sample({|#0:"4556737586899855"|})]
        class PaymentForm { }
        """, Expected("4556 73** **** 9855"));

    [Test]
    public Task PublishedTestNumberInProductionCode() => V.AnalyzerAsync("""
        class PaymentForm
        {
            string placeholder = {|#0:"4242424242424242"|};
        }
        """, Expected("4242 42** **** 4242"));

    [Test]
    public Task RealLookingNumberInTestProjectStillFlagged() => V.AnalyzerAsync("""
        class CheckoutTests
        {
            string card = {|#0:"4556737586899855"|};
        }
        """, editorConfig: null, assemblyName: "Shop.Tests", Expected("4556 73** **** 9855"));

    // ---- near misses ----

    [Test]
    public Task PublishedTestNumberInTestProject() => V.AnalyzerAsync("""
        class CheckoutTests
        {
            string visa = "4242 4242 4242 4242";
            string amex = "378282246310005";
        }
        """, editorConfig: null, assemblyName: "Shop.Tests");

    [Test]
    public Task TestProjectDeclaredByMsBuildProperty() => V.AnalyzerAsync("""
        class CheckoutScenarios
        {
            string visa = "4111111111111111";
        }
        """, editorConfig: "build_property.IsTestProject = true", assemblyName: "Shop.Scenarios");

    [Test]
    public Task LuhnInvalidNumber() => V.AnalyzerAsync("""
        class C { string s = "4111111111111112"; }
        """);

    [Test]
    public Task LuhnValidButNoIssuerPrefix() => V.AnalyzerAsync("""
        class C
        {
            long orderId = 1000000000000009;   // Luhn-valid, no card network starts with 1
            string tracking = "9400111899223197428490";
        }
        """);

    [Test]
    public Task MaskedNumber() => V.AnalyzerAsync("""
        class C
        {
            string shown = "4111 11** **** 1111";
            string last4 = "************1111";
        }
        """);

    [Test]
    public Task DigitsInsideLongerIdentifierOrPhoneNumber() => V.AnalyzerAsync("""
        class C
        {
            string sku = "SKU4556737586899855X";
            string phone = "+1 (415) 555-0132";
            string iban = "DE89370400440532013000";
        }
        """);

    [Test]
    public Task ShortNumbersAndTimestamps() => V.AnalyzerAsync("""
        class C
        {
            long millis = 1700000000000;
            int year = 2026;
            decimal amount = 4111.11m;
        }
        """);

    [Test]
    public Task PlaceholderOfRepeatedDigit() => V.AnalyzerAsync("""
        class C { string s = "4444444444444448"; }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync("""
        class C
        {
            string s = {|#0:"4556737586899855|}
            void M( { var x = 5425 2334 3010 9903; }
        """, Expected("4556 73** **** 9855"));
}
