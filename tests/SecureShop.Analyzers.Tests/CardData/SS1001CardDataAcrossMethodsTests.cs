using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.CardData.SS1001CardDataLoggedAnalyzer>;

namespace SecureShop.Analyzers.Tests.CardData;

/// <summary>
/// Card data followed through the project's own methods (MethodSummaries): values returned by helpers, and helpers whose
/// parameter reaches a log. At most three nested calls are followed; only methods whose body is known (not virtual, not
/// an interface member, declared in this compilation).
/// </summary>
public class SS1001CardDataAcrossMethodsTests
{
    private const string Models = """
        using Microsoft.Extensions.Logging;
        public class Card
        {
            public string Number { get; set; } = "";
            public string Cvv { get; set; } = "";
            public string Nickname { get; set; } = "";
        }
        """;

    private static DiagnosticResult Expected(string name, string sink) =>
        V.Diagnostic(Descriptors.SS1001CardDataLogged).WithLocation(0).WithArguments(name, sink);

    private static DiagnosticResult ExpectedThrough(string name, string sink, int steps) =>
        Enumerable.Range(1, steps).Aggregate(
            V.Diagnostic(Descriptors.SS1001CardDataLogged).WithLocation(0), (d, i) => d.WithLocation(i)).WithArguments(name, sink);

    // ---- values returned by the project's methods ----

    [Test]
    public Task HelperReturnsCardDataOfItsArgument() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            static string Describe(Card c) => $"card {c.Number}";
            void Pay(ILogger logger, Card card) => logger.LogInformation({|#0:Describe(card)|});
        }
        """, Expected("Number", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task HelperReturnsATransformationOfItsParameter() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            static string Clean(string s) => s.Replace(" ", "").Trim();
            void Pay(ILogger logger, Card card)
            {
                var text = Clean(card.Number);
                logger.LogInformation("Paying with {Text}", {|#0:text|});
            }
        }
        """, Expected("Number", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task ThroughThreeCalls() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            static string A(string s) => B(s) + "!";
            static string B(string s) { var t = C(s); return t; }
            static string C(string s) => s.ToUpperInvariant();
            void Pay(ILogger logger, Card card) => logger.LogInformation({|#0:A(card.Number)|});
        }
        """, Expected("Number", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task BeyondThreeCallsIsNotFollowed() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            static string A(string s) => B(s);
            static string B(string s) => C(s);
            static string C(string s) => D(s);
            static string D(string s) => s.Trim();
            void Pay(ILogger logger, Card card) => logger.LogInformation(A(card.Number));
        }
        """);

    [Test]
    public Task HelperThatMasksOrHashes() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            static string Show(string s) => MaskPan(s);
            static string MaskPan(string s) => "**** " + s.Substring(s.Length - 4);
            static string Fingerprint(string s) => System.Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(s)));
            void Pay(ILogger logger, Card card)
            {
                logger.LogInformation(Show(card.Number));
                logger.LogInformation(Fingerprint(card.Number));
            }
        }
        """);

    [Test]
    public Task HelperThatIgnoresItsParameter() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            static string Label(string s) => "card on file";
            static int Length(string s) => s.Length;
            void Pay(ILogger logger, Card card)
            {
                logger.LogInformation(Label(card.Number));
                logger.LogInformation("{L}", Length(card.Number));
            }
        }
        """);

    [Test]
    public Task RecursionTerminates() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            static string Loop(string s, int n) => n == 0 ? "done" : Loop(s, n - 1);
            static string Echo(string s, int n) => n == 0 ? s : Echo(s, n - 1);
            void Pay(ILogger logger, Card card)
            {
                logger.LogInformation(Loop(card.Number, 3));
                logger.LogInformation({|#0:Echo(card.Number, 3)|});
            }
        }
        """, Expected("Number", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task VirtualInterfaceAndLibraryMethodsAreNotFollowed() => V.AnalyzerAsync(Models + """
        interface IFormatter { string Format(string s); }
        class Base { public virtual string Format(string s) => s; }
        class Checkout
        {
            void Pay(ILogger logger, Card card, IFormatter formatter, Base b)
            {
                logger.LogInformation(formatter.Format(card.Number));
                logger.LogInformation(b.Format(card.Number));
                logger.LogInformation(System.IO.Path.GetFileName(card.Number));
            }
        }
        """);

    [Test]
    public Task SealedAndPrivateMethodsAreFollowed() => V.AnalyzerAsync(Models + """
        class Base { public virtual string Format(string s) => s; }
        sealed class Plain : Base { public override string Format(string s) => s.Trim(); }
        class Checkout
        {
            void Pay(ILogger logger, Card card, Plain p) => logger.LogInformation({|#0:p.Format(card.Number)|});
        }
        """, Expected("Number", "a log or trace (ILogger.LogInformation)"));

    // ---- a helper whose parameter reaches a log ----

    [Test]
    public Task CardValuePassedToALoggingHelper() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            private readonly ILogger _logger;
            public Checkout(ILogger logger) => _logger = logger;
            void LogPayment(string n) => {|#1:_logger.LogInformation("Paying {N}", n)|};
            void Pay(Card card) => LogPayment({|#0:card.Number|});
        }
        """, ExpectedThrough("Number", "a log or trace (ILogger.LogInformation) through 'LogPayment'", 1));

    [Test]
    public Task LoggingHelperTwoCallsDown() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            private readonly ILogger _logger;
            public Checkout(ILogger logger) => _logger = logger;
            void Audit(string what, string detail) => {|#1:Write($"{what}: {detail}")|};
            void Write(string line) => {|#2:System.Console.WriteLine(line)|};
            void Pay(Card card) => Audit("payment", {|#0:card.Cvv|});
        }
        """, ExpectedThrough("Cvv", "a log or trace (Console.WriteLine) through 'Audit'", 2));

    [Test]
    public Task LoggingHelperNearMisses() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            private readonly ILogger _logger;
            public Checkout(ILogger logger) => _logger = logger;
            void LogMasked(string n) => _logger.LogInformation("Paying {N}", MaskPan(n));
            static string MaskPan(string n) => "****" + n.Substring(n.Length - 4);
            void LogOther(string n, string nickname) => _logger.LogInformation("Card {Nick}", nickname);
            void LogLength(string n) => _logger.LogInformation("Length {L}", n.Length);
            void Pay(Card card)
            {
                LogMasked(card.Number);
                LogOther(card.Number, card.Nickname);
                LogLength(card.Number);
                LogOther(card.Nickname, card.Nickname);
            }
        }
        """);

    [Test]
    public Task HelperWhoseParameterIsCardDataByNameIsReportedInside() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            private readonly ILogger _logger;
            public Checkout(ILogger logger) => _logger = logger;
            void LogCard(string cardNumber) => _logger.LogInformation("Card {N}", {|#0:cardNumber|});
            void Pay(Card card) => LogCard(card.Number);
        }
        """, Expected("cardNumber", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task LoggingThroughAnInterfaceIsNotFollowed() => V.AnalyzerAsync(Models + """
        interface IAudit { void Write(string line); }
        class Checkout
        {
            void Pay(Card card, IAudit audit) => audit.Write(card.Number);
        }
        """);

    [Test]
    public Task RecursiveLoggingHelperTerminates() => V.AnalyzerAsync(Models + """
        class Checkout
        {
            void Retry(string n, int left) { if (left > 0) Retry(n, left - 1); }
            void Pay(Card card) => Retry(card.Number, 3);
        }
        """);
}
