using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// How a compilation protects its data-protection key ring at rest, wherever that is configured: an
    /// <c>XmlEncryptor</c> given to <c>KeyManagementOptions</c> (<c>services.Configure&lt;KeyManagementOptions&gt;(o =&gt; o.XmlEncryptor = ...)</c>,
    /// an <c>IConfigureOptions&lt;KeyManagementOptions&gt;</c>), and whether any <c>ProtectKeysWith*</c> call exists. Computed once
    /// per compilation, lazily and thread-safely: a syntax walk for the two names that binds only the <c>XmlEncryptor</c> assignments.
    /// </summary>
    internal sealed class KeyProtectionConfiguration
    {
        private readonly Compilation _compilation;
        private readonly Lazy<(bool XmlEncryptor, bool ProtectCall)> _facts;

        public KeyProtectionConfiguration(Compilation compilation)
        {
            _compilation = compilation;
            _facts = new Lazy<(bool, bool)>(Compute, System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
        }

        /// <summary><c>KeyManagementOptions.XmlEncryptor</c> is assigned somewhere: every persisted key is encrypted by it.</summary>
        public bool XmlEncryptorConfigured => _facts.Value.XmlEncryptor;

        /// <summary>Some <c>ProtectKeysWith*</c> call exists in the compilation.</summary>
        public bool ProtectsKeysAnywhere => _facts.Value.ProtectCall;

        private (bool, bool) Compute()
        {
            bool xmlEncryptor = false;
            bool protectCall = false;
            foreach (var tree in _compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    switch (node)
                    {
                        case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member }
                            when member.Name.Identifier.ValueText.StartsWith("ProtectKeysWith", StringComparison.Ordinal):
                            protectCall = true;
                            break;
                        case AssignmentExpressionSyntax assignment when !xmlEncryptor && IsXmlEncryptorName(assignment.Left):
#pragma warning disable RS1030 // Only assignments to a member named XmlEncryptor are bound, once per compilation.
                            model ??= _compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                            xmlEncryptor = model.GetSymbolInfo(assignment.Left).Symbol is IPropertySymbol { ContainingType.Name: "KeyManagementOptions" };
                            break;
                    }

                    if (xmlEncryptor && protectCall)
                    {
                        return (true, true);
                    }
                }
            }

            return (xmlEncryptor, protectCall);
        }

        private static bool IsXmlEncryptorName(ExpressionSyntax left) => left switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == "XmlEncryptor",
            IdentifierNameSyntax identifier => identifier.Identifier.ValueText == "XmlEncryptor",
            _ => false,
        };
    }
}
