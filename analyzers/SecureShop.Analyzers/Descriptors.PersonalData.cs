using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers
{
    internal static partial class Descriptors
    {
        internal static readonly DiagnosticDescriptor SS5001PersonalDataLogged = Rule(
            "SS5001",
            "Personal data (e-mail, phone, address, birth date, national id, IP) written to logs",
            "Personal data '{0}' is written to {1}",
            Categories.PersonalData,
            DiagnosticSeverity.Warning,
            cwe: 532,
            pciDss: new string[0],
            securitySeverity: 5.0,
            description: "Logs are copied to log services, support tickets and backups, read by people who have no need to know who the customer is, and kept longer than the data may be (GDPR Art. 5(1)(c, e) and 32; CWE-532, CWE-359). A customer's e-mail, phone, address, birth date, national id or IP address in a log also puts every log store in the scope of access, erasure and breach-notification duties.");

        internal static readonly DiagnosticDescriptor SS5002PersonalDataToAnalytics = Rule(
            "SS5002",
            "Personal data sent to third-party analytics or telemetry",
            "Personal data '{0}' is sent to {1}",
            Categories.PersonalData,
            DiagnosticSeverity.Warning,
            cwe: 359,
            pciDss: new string[0],
            securitySeverity: 5.0,
            description: "Analytics and telemetry services are third parties: a customer's e-mail, phone, address, birth date, national id or IP address in an event, a trace or a tag is disclosed to them and to wherever they keep it, usually without a legal basis or a processing agreement that covers it (GDPR Art. 5, 25, 28, 32).");
    }
}
