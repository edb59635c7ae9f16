using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.CardData.SS1004CardNumberExposedAnalyzer>;

namespace SecureShop.Analyzers.Tests.CardData;

public class SS1004CardNumberExposedTests
{
    private const string Models = """
        using Microsoft.AspNetCore.Builder;
        using Microsoft.AspNetCore.Mvc;
        public class SavedCard { public int Id { get; set; } public string CardNumber { get; set; } = ""; public string Last4 { get; set; } = ""; }
        public class SavedCardView { public string Last4 { get; set; } = ""; public string Brand { get; set; } = ""; }
        """;

    private static DiagnosticResult Expected(int location, string name, string sink) =>
        V.Diagnostic(Descriptors.SS1004CardNumberExposed).WithLocation(location).WithArguments(name, sink);

    // ---- positives ----

    [Test]
    public Task ActionReturnsTheNumber() => V.AnalyzerAsync(Models + """
        public class CardsController : ControllerBase
        {
            public string Get(SavedCard card) => {|#0:card.CardNumber|};
        }
        """, Expected(0, "CardNumber", "the response of action CardsController.Get"));

    [Test]
    public Task OkWithEntityHoldingTheNumber() => V.AnalyzerAsync(Models + """
        public class CardsController : ControllerBase
        {
            public IActionResult Get(SavedCard card) { return Ok({|#0:card|}); }
        }
        """, Expected(0, "card.CardNumber", "the response of action CardsController.Get"));

    [Test]
    public Task ViewModelGivenToView() => V.AnalyzerAsync(Models + """
        public class ReceiptModel { public string Pan { get; set; } = ""; }
        public class ReceiptController : Controller
        {
            public IActionResult Show(SavedCard card) => View({|#0:new ReceiptModel { Pan = card.CardNumber }|});
        }
        """, Expected(0, "Pan", "the response of action ReceiptController.Show"));

    [Test]
    public Task ViewBagAndViewData() => V.AnalyzerAsync(Models + """
        public class ReceiptController : Controller
        {
            public IActionResult Show(SavedCard card)
            {
                ViewBag.Card = {|#0:card.CardNumber|};
                ViewData["card"] = {|#1:$"Card {card.CardNumber}"|};
                return View();
            }
        }
        """, Expected(0, "CardNumber", "ViewBag"), Expected(1, "CardNumber", "ViewData"));

    [Test]
    public Task MinimalApiHandler() => V.AnalyzerAsync(Models + """
        static class Endpoints
        {
            public static void Map(WebApplication app, SavedCard card) =>
                app.MapGet("/cards/1", () => Microsoft.AspNetCore.Http.Results.Ok({|#0:card|}));
            public static void Map2(WebApplication app, SavedCard card) =>
                app.MapGet("/cards/2", () => {|#1:card|});
        }
        """, Expected(0, "card.CardNumber", "the response of endpoint MapGet"), Expected(1, "card.CardNumber", "the response of endpoint MapGet"));

    [Test]
    public Task RecordWithGeneratedToString() => V.AnalyzerAsync("""
        public record PaymentDetails(string {|#0:CardNumber|}, decimal Amount);
        """, Expected(0, "CardNumber", "the compiler-generated ToString of record PaymentDetails"));

    [Test]
    public Task AsyncActionReturningLocal() => V.AnalyzerAsync(Models + """
        public class CardsController : ControllerBase
        {
            public async System.Threading.Tasks.Task<string> Get(SavedCard card)
            {
                await System.Threading.Tasks.Task.Yield();
                var shown = "Card: " + card.CardNumber;
                return {|#0:shown|};
            }
        }
        """, Expected(0, "CardNumber", "the response of action CardsController.Get"));

    // ---- near misses ----

    [Test]
    public Task MaskedOrLast4() => V.AnalyzerAsync(Models + """
        public class CardsController : ControllerBase
        {
            static string MaskCard(string pan) => "****" + pan[^4..];
            public string Masked(SavedCard card) => MaskCard(card.CardNumber);
            public string Tail(SavedCard card) => card.CardNumber.Substring(card.CardNumber.Length - 4);
            public string Last(SavedCard card) => card.Last4;
        }
        """);

    [Test]
    public Task DtoWithoutTheNumber() => V.AnalyzerAsync(Models + """
        public class CardsController : ControllerBase
        {
            public IActionResult Get(SavedCard card) => Ok(new SavedCardView { Last4 = card.Last4, Brand = "visa" });
        }
        """);

    [Test]
    public Task PrivateHelperIsNotAnAction() => V.AnalyzerAsync(Models + """
        public class CardsController : ControllerBase
        {
            private string Number(SavedCard card) => card.CardNumber;
            [NonAction] public string Raw(SavedCard card) => card.CardNumber;
        }
        """);

    [Test]
    public Task ReturnInsideLocalLambdaIsNotTheResponse() => V.AnalyzerAsync(Models + """
        public class CardsController : ControllerBase
        {
            public IActionResult Check(SavedCard card)
            {
                System.Func<string> pan = () => card.CardNumber;
                return Ok(pan().Length);
            }
        }
        """);

    [Test]
    public Task RecordWithCustomToStringOrNoPan() => V.AnalyzerAsync("""
        public record PaymentDetails(string CardNumber, decimal Amount)
        {
            public override string ToString() => $"Payment of {Amount}";
        }
        public record CardSummary(string Last4, string Brand);
        """);

    [Test]
    public Task ServiceReturningTheNumberIsNotAnEndpoint() => V.AnalyzerAsync(Models + """
        public class CardVault
        {
            public string Reveal(SavedCard card) => card.CardNumber;
        }
        """);

    [Test]
    public Task SyntaxErrors() => V.SyntaxErrorsAsync(Models + """
        public class CardsController : ControllerBase
        {
            public string Get(SavedCard card) => {|#0:card.CardNumber|}
            public string Other( => card.
        }
        """, Expected(0, "CardNumber", "the response of action CardsController.Get"));

    // ---- a form model shown before the card number is copied in (seen on a real shop's payment plugin) ----

    private const string PaymentForm = """
        public class CardForm { public string CardholderName { get; set; } = ""; public string CardNumber { get; set; } = ""; public int Month { get; set; } }
        public class PaymentInfoController : Controller
        {
            public IActionResult PaymentInfo(bool isGet, bool threeDs, string posted)
            {
                var model = new CardForm { Month = 1 };
                if (threeDs)
                    return View("ThreeDs", model);
                if (isGet)
                    return View(model);
                model.CardNumber = posted;
                return View({|#0:model|});
            }
        }
        """;

    [Test]
    public Task FreshFormModelReturnedBeforeTheCardIsCopiedInIsSilentAfterwardsReported() =>
        V.AnalyzerAsync(Models + PaymentForm, Expected(0, "model.CardNumber", "the response of action PaymentInfoController.PaymentInfo"));

    [Test]
    public Task FreshModelWithTheCardInItsInitializerIsReported() => V.AnalyzerAsync(Models + """
        public class CardForm { public string CardNumber { get; set; } = ""; }
        public class PaymentInfoController : Controller
        {
            public IActionResult Show(string posted)
            {
                var model = new CardForm { CardNumber = posted };
                return View({|#0:model|});
            }
        }
        """, Expected(0, "model.CardNumber", "the response of action PaymentInfoController.Show"));

    [Test]
    public Task ModelFilledByAnotherMethodBeforeTheReturnIsReported() => V.AnalyzerAsync(Models + """
        public class CardForm { public string CardNumber { get; set; } = ""; }
        public class PaymentInfoController : Controller
        {
            public IActionResult Show(string posted)
            {
                var model = new CardForm();
                Fill(model, posted);
                return View({|#0:model|});
            }

            private static void Fill(CardForm form, string posted) => form.CardNumber = posted;
        }
        """, Expected(0, "model.CardNumber", "the response of action PaymentInfoController.Show"));
}
