using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureShop.Analyzers.CardData
{
    /// <summary>
    /// SS1001: card data (PAN or SAD) reaching a logger, the console or a trace (the sinks and the holder rules are
    /// <see cref="SensitiveValueLoggedAnalyzer"/>'s).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS1001CardDataLoggedAnalyzer : SensitiveValueLoggedAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS1001CardDataLogged);

        private protected override DiagnosticDescriptor Rule => Descriptors.SS1001CardDataLogged;

        private protected override bool FollowsHelpers => true;
    }
}
