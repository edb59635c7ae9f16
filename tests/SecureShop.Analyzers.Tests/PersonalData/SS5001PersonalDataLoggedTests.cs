using Microsoft.CodeAnalysis.Testing;
using V = SecureShop.Analyzers.Tests.Infrastructure.Verify<SecureShop.Analyzers.PersonalData.SS5001PersonalDataLoggedAnalyzer>;

namespace SecureShop.Analyzers.Tests.PersonalData;

public class SS5001PersonalDataLoggedTests
{
    private const string Models = """
        using System;
        using Microsoft.Extensions.Logging;
        public class Customer
        {
            public int Id { get; set; }
            public string Email { get; set; } = "";
            public string PhoneNumber { get; set; } = "";
            public bool PhoneNumberConfirmed { get; set; }
            public string ShippingAddress { get; set; } = "";
            public int AddressId { get; set; }
            public DateTime? DateOfBirth { get; set; }
            public string Ssn { get; set; } = "";
            public string LastIpAddress { get; set; } = "";
            public string EmailTemplate { get; set; } = "";
            public bool EmailSent { get; set; }
            public int IpRateLimit { get; set; }
            public string MaskedEmail { get; set; } = "";
            public DateTime CreatedOnUtc { get; set; }
        }
        public class StoreSettings { public string Email { get; set; } = ""; public string Phone { get; set; } = ""; }
        """;

    private static DiagnosticResult Expected(string name, string sink) =>
        V.Diagnostic(Descriptors.SS5001PersonalDataLogged).WithLocation(0).WithArguments(name, sink);

    // ---- positives ----

    [Test]
    public Task EmailOnAFailedSignIn() => V.AnalyzerAsync(Models + """
        class SignIn
        {
            void Failed(ILogger<SignIn> logger, Customer user) => logger.LogWarning("Sign-in failed for {Email}", {|#0:user.Email|});
        }
        """, Expected("Email", "a log or trace (ILogger.LogWarning)"));

    [Test]
    public Task PhoneThroughALocalAndInterpolation() => V.AnalyzerAsync(Models + """
        class Sms
        {
            void Send(ILogger logger, Customer customer)
            {
                var to = customer.PhoneNumber.Trim();
                logger.LogInformation({|#0:$"Sending code to {to}"|});
            }
        }
        """, Expected("PhoneNumber", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task BirthDateIsADate() => V.AnalyzerAsync(Models + """
        class AgeCheck
        {
            void Check(Customer customer) => Console.WriteLine({|#0:"born " + customer.DateOfBirth|});
        }
        """, Expected("DateOfBirth", "a log or trace (Console.WriteLine)"));

    [Test]
    public Task ShippingAddressToSerilog() => V.AnalyzerAsync(Models + """
        class Shipping
        {
            void Ship(Serilog.ILogger log, Customer customer) => log.Information("Shipping to {Address}", {|#0:customer.ShippingAddress|});
        }
        """, Expected("ShippingAddress", "a log or trace (Serilog.Information)"));

    [Test]
    public Task NationalIdParameter() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Kyc
        {
            void Verify(ILogger logger, string nationalIdNumber) => logger.LogDebug("Verifying {Id}", {|#0:nationalIdNumber|});
        }
        """, Expected("nationalIdNumber", "a log or trace (ILogger.LogDebug)"));

    [Test]
    public Task ClientIpAddress() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Orders
        {
            void Place(ILogger logger, Microsoft.AspNetCore.Http.HttpContext http) =>
                logger.LogInformation("Order from {Ip}", {|#0:http.Connection.RemoteIpAddress|});
        }
        """, Expected("RemoteIpAddress", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task DestructuredCustomer() => V.AnalyzerAsync(Models + """
        class Registration
        {
            void Registered(ILogger logger, Customer customer) => logger.LogInformation("Registered {@Customer}", {|#0:customer|});
        }
        """, Expected("customer.Email", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task IdentityUserEmailIsProtectedPersonalData() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Account
        {
            void Locked(ILogger logger, Microsoft.AspNetCore.Identity.IdentityUser user) => logger.LogWarning("Locked out: {User}", {|#0:user.Email|});
        }
        """, Expected("Email", "a log or trace (ILogger.LogWarning)"));

    [Test]
    public Task UserAttributeNamedPii() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class PiiAttribute : System.Attribute { }
        class Member { [Pii] public string Nickname { get; set; } = ""; }
        class Forum
        {
            void Post(ILogger logger, Member member) => logger.LogInformation("Post by {Nick}", {|#0:member.Nickname|});
        }
        """, Expected("Nickname", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task FormFieldByKey() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Newsletter
        {
            void Subscribe(ILogger logger, Microsoft.AspNetCore.Http.IFormCollection form) => logger.LogInformation("Subscribing {Who}", {|#0:form["email"]|});
        }
        """, Expected("email", "a log or trace (ILogger.LogInformation)"));

    [Test]
    public Task ConfiguredName() => V.AnalyzerAsync("""
        class Loyalty
        {
            void Join(string memberHandle) => System.Console.WriteLine({|#0:memberHandle|});
        }
        """, "secureshop.personal_data_names = MemberHandle", null, Expected("memberHandle", "a log or trace (Console.WriteLine)"));

    [Test]
    public Task PhoneByValidationAttribute() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Contact { [System.ComponentModel.DataAnnotations.Phone] public string Reach { get; set; } = ""; }
        class Callback
        {
            void Request(ILogger logger, Contact contact) => logger.LogInformation("Call back {Number}", {|#0:contact.Reach|});
        }
        """, Expected("Reach", "a log or trace (ILogger.LogInformation)"));

    // ---- near misses ----

    [Test]
    public Task TheShopsOutgoingMailbox() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class EmailAccount { public string Email { get; set; } = ""; public string DisplayName { get; set; } = ""; }
        class Sender
        {
            void Send(ILogger logger, EmailAccount account) => logger.LogInformation("Sending from {Email}", account.Email);
        }
        """);

    [Test]
    public Task NamesAboutPersonalDataAreNot() => V.AnalyzerAsync(Models + """
        class Mailer
        {
            void Report(ILogger logger, Customer c, bool emailSent, string emailTemplate)
            {
                logger.LogInformation("Sent {Sent} with {Template}", emailSent, emailTemplate);
                logger.LogInformation("{T} {S}", c.EmailTemplate, c.EmailSent);
                logger.LogInformation("Confirmed {Confirmed} address {AddressId}", c.PhoneNumberConfirmed, c.AddressId);
                logger.LogInformation("Limit {Limit}", c.IpRateLimit);
            }
        }
        """);

    [Test]
    public Task IdsAndDatesThatAreNotABirthDate() => V.AnalyzerAsync(Models + """
        class Audit
        {
            void Log(ILogger logger, Customer c) => logger.LogInformation("Customer {Id} created {Created}", c.Id, c.CreatedOnUtc);
        }
        """);

    [Test]
    public Task MaskedOrHashedValues() => V.AnalyzerAsync(Models + """
        static class Pii { public static string MaskEmail(string e) => "***"; public static string HashValue(string e) => "#"; }
        class SignIn
        {
            void Failed(ILogger logger, Customer user)
            {
                logger.LogWarning("Sign-in failed for {Email}", Pii.MaskEmail(user.Email));
                logger.LogWarning("Sign-in failed for {Email}", Pii.HashValue(user.Email));
                logger.LogWarning("Sign-in failed for {Email}", user.MaskedEmail);
                logger.LogWarning("Length {Length}", user.Email.Length);
            }
        }
        """);

    [Test]
    public Task TheShopsOwnAddresses() => V.AnalyzerAsync(Models + """
        class Notifier
        {
            void Send(ILogger logger, StoreSettings settings, string senderEmail, string fromAddress, string smtpHost, string remoteAddress)
            {
                logger.LogInformation("From {From} {Phone}", settings.Email, settings.Phone);
                logger.LogInformation("Sender {Sender} {From} {Host} {Remote}", senderEmail, fromAddress, smtpHost, remoteAddress);
            }
        }
        """);

    [Test]
    public Task IdentityIdsAndFlagsMarkedPersonalData() => V.AnalyzerAsync("""
        using Microsoft.Extensions.Logging;
        class Account
        {
            void SignedIn(ILogger logger, Microsoft.AspNetCore.Identity.IdentityUser user) =>
                logger.LogInformation("User {Id} signed in, confirmed {Confirmed}, 2FA {TwoFactor}", user.Id, user.EmailConfirmed, user.TwoFactorEnabled);
        }
        """);

    [Test]
    public Task ObjectLoggedWithoutDestructuring() => V.AnalyzerAsync(Models + """
        class Registration
        {
            void Registered(ILogger logger, Customer customer) => logger.LogInformation("Registered {Customer}", customer);
        }
        """);

    [Test]
    public Task ConfiguredExclusion() => V.AnalyzerAsync("""
        class Support
        {
            void Route(string supportQueueEmail, string ticketEmail) => System.Console.WriteLine(ticketEmail);
        }
        """, "secureshop.not_personal_data_names = TicketEmail", null);

    [Test]
    public Task NotALogSink() => V.AnalyzerAsync(Models + """
        class Orders
        {
            string Label(Customer c) => string.Format("To {0}", c.ShippingAddress);
        }
        """);

    [Test]
    public Task SyntaxErrorsDoNotThrow() => V.SyntaxErrorsAsync(Models + """
        class Broken
        {
            void M(ILogger logger, Customer c) { logger.LogInformation("x {E}", {|#0:c.Email|}
        }
        """, Expected("Email", "a log or trace (ILogger.LogInformation)"));
}
