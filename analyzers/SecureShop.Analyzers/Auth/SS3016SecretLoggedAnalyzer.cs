using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers.CardData;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3016: a password, token, API key, client secret, private key or connection string reaching a logger, the console
    /// or a trace. The sinks are SS1001's; what counts as a secret is <see cref="SecretVocabulary"/>'s, and values are followed
    /// as card data is (locals, string building, destructured objects; masked, hashed and encrypted values are safe).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3016SecretLoggedAnalyzer : SensitiveValueLoggedAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS3016SecretLogged);

        private protected override DiagnosticDescriptor Rule => Descriptors.SS3016SecretLogged;

        internal override Func<SyntaxTree, CardDataRecognizer> Recognizers(Compilation compilation, AnalyzerOptions options) =>
            CardDataRecognizer.ForNames(options, null, null, (_, _) => SecretVocabulary.Instance);
    }
}
