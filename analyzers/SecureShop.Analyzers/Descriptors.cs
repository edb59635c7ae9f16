using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers
{
    /// <summary>
    /// Every <see cref="DiagnosticDescriptor"/> of the product, one partial file per rule family.
    /// They are all made by <see cref="Rule"/>, which derives the help link, the category and the
    /// CWE/PCI DSS tags, so no rule can forget them.
    /// </summary>
    internal static partial class Descriptors
    {
        internal const string HelpBaseUri = "https://github.com/secureshop/SecureShop.Analyzers/blob/main/rules/";

        internal static class Categories
        {
            internal const string CardData = "Security.PaymentCardData";
            internal const string Crypto = "Security.Cryptography";
            internal const string Auth = "Security.Authentication";
            internal const string ShopLogic = "Security.ShopLogic";
            internal const string PersonalData = "Security.PersonalData";
        }

        /// <summary>
        /// Creates and registers a rule. <paramref name="pciDss"/> lists the PCI DSS v4.0 requirements
        /// ("3.3.1"); <paramref name="securitySeverity"/> is the SARIF security-severity (0-10).
        /// </summary>
        private static DiagnosticDescriptor Rule(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            int cwe,
            string[] pciDss,
            double securitySeverity,
            string description,
            string precision = "high",
            bool compilationEnd = false)
        {
            var tags = new List<string> { "security", "external/cwe/cwe-" + cwe.ToString(CultureInfo.InvariantCulture) };
            tags.AddRange(pciDss.Select(r => "pci-dss/" + r));
            if (compilationEnd)
            {
                tags.Add(WellKnownDiagnosticTags.CompilationEnd);
            }

            var descriptor = new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpBaseUri + id + ".md",
                customTags: tags.ToArray());
            RuleRegistry.Rules.Add(new RuleInfo(descriptor, cwe, pciDss, securitySeverity, precision));
            return descriptor;
        }
    }
}
