using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.Auth.SS3003HardcodedSecretAnalyzer>;

namespace SecureShop.Analyzers.Tests.Auth;

/// <summary>
/// Literals that reach a password position through a const, a field, a local or the project's own methods (ConstantOrigin,
/// MethodSummaries: at most three nested calls). A literal SS3003 already reports under its own name is not reported twice.
/// </summary>
public class SS3003HardcodedSecretAcrossMethodsTests
{
    private const string Secrets = """
        using System.Net;

        static class Secrets
        {
            public const string Mail = {|#9:"mailpass99"|};
            public static readonly string Db = {|#8:"Pr0d-db!2024"|};
            public static string GetPassword() => {|#1:"Zq7!mailRelay"|};
            public static string Outer() => {|#3:Middle()|};
            public static string Middle() => {|#4:Inner()|};
            public static string Inner() => {|#5:"Zq7!mailRelay"|};
            public static string FromConfig() => System.Environment.GetEnvironmentVariable("MAIL_PASSWORD") ?? "";
            public static string Placeholder() => "<your-password>";
            public static string Loop(int n) => n == 0 ? System.Environment.GetEnvironmentVariable("X") ?? "" : Loop(n - 1);
            public static string A() => B();
            public static string B() => C();
            public static string C() => D();
            public static string D() => "Zq7!mailRelay";
        }

        """;

    private static DiagnosticResult Expected(string kind, string where, string masked, params int[] steps)
    {
        var result = V.Diagnostic(Descriptors.SS3003HardcodedSecret).WithLocation(0);
        foreach (int step in steps)
        {
            result = result.WithLocation(step);
        }

        return result.WithArguments(kind, where, masked);
    }

    [Test]
    public Task NetworkCredentialPasswordReturnedByAMethod() => V.AnalyzerAsync(Secrets + """
        class Mailer
        {
            NetworkCredential Credentials() => new NetworkCredential("shop", {|#0:Secrets.GetPassword()|});
        }
        """, Expected("credential", "the password of new NetworkCredential (the value returned by 'GetPassword')", "****", 1));

    [Test]
    public Task NetworkCredentialPasswordThroughThreeMethodsAndALocal() => V.AnalyzerAsync(Secrets + """
        class Mailer
        {
            NetworkCredential Credentials()
            {
                var p = Secrets.Outer();
                return new NetworkCredential("shop", {|#0:p|});
            }
        }
        """, Expected("credential", "the password of new NetworkCredential (local 'p')", "****", 3, 4, 5));

    [Test]
    public Task ConnectionStringPasswordFromAConstAndAField() => V.AnalyzerAsync(Secrets + """
        class Db
        {
            string Main() => "Server=db;User Id=shop;Password=" + {|#0:Secrets.Mail|} + ";Encrypt=true";
            string Reports() => $"Server=db;User Id=reports;Pwd={ {|#7:Secrets.Db|} }";
        }
        """,
        Expected("connection-string password", "a connection string built from const 'Mail'", "Password=****", 9),
        V.Diagnostic(Descriptors.SS3003HardcodedSecret).WithLocation(7).WithLocation(8)
            .WithArguments("connection-string password", "a connection string built from field 'Db'", "Password=****"));

    [Test]
    public Task NearMisses() => V.AnalyzerAsync(Secrets + """
        class Mailer
        {
            NetworkCredential A() => new NetworkCredential("shop", Secrets.FromConfig());
            NetworkCredential B() => new NetworkCredential("shop", Secrets.Placeholder());
            NetworkCredential C() => new NetworkCredential("shop", Secrets.Loop(2));
            NetworkCredential D() => new NetworkCredential("shop", Secrets.A());
            NetworkCredential E(string password) => new NetworkCredential("shop", password);
            string F() => "Server=db;Password=" + Secrets.Placeholder();
            string G(string pwd) => "Server=db;Password=" + pwd;
            string H() => "Server=db;Password=" + System.Environment.GetEnvironmentVariable("DB_PASSWORD");
        }
        """);

    [Test]
    public Task ALiteralReportedUnderItsOwnNameIsNotReportedAgain() => V.AnalyzerAsync("""
        using System.Net;
        class Mailer
        {
            private const string MailPassword = {|#0:"mailpass99"|};
            NetworkCredential Credentials() => new NetworkCredential("shop", MailPassword);
            string Db() => "Server=db;Password=" + MailPassword;
        }
        """, V.Diagnostic(Descriptors.SS3003HardcodedSecret).WithLocation(0).WithArguments("credential", "'MailPassword'", "****"));
}
