using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace SecureShop.Analyzers
{
    /// <summary>
    /// One entry of the rule catalog: the descriptor plus what reports need beyond it
    /// (CWE, PCI DSS requirements, SARIF security-severity and precision).
    /// </summary>
    public sealed class RuleInfo
    {
        internal RuleInfo(DiagnosticDescriptor descriptor, int cwe, IReadOnlyList<string> pciDss, double securitySeverity, string precision)
        {
            Descriptor = descriptor;
            Cwe = cwe;
            PciDss = pciDss;
            SecuritySeverity = securitySeverity;
            Precision = precision;
        }

        public DiagnosticDescriptor Descriptor { get; }

        public string Id => Descriptor.Id;

        public string Title => Descriptor.Title.ToString();

        public int Cwe { get; }

        /// <summary>PCI DSS v4.0 requirements the rule supports, e.g. "3.3.1".</summary>
        public IReadOnlyList<string> PciDss { get; }

        /// <summary>SARIF <c>security-severity</c>, 0.0-10.0, as code-scanning dashboards expect.</summary>
        public double SecuritySeverity { get; }

        /// <summary>SARIF <c>precision</c>: very-high, high, medium or low.</summary>
        public string Precision { get; }

        public string HelpUri => Descriptor.HelpLinkUri;
    }
}
