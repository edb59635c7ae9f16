using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers.CardData;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.PersonalData
{
    /// <summary>
    /// SS5001: a customer's e-mail, phone, postal address, birth date, national id or IP address reaching a logger, the
    /// console or a trace. The sinks are SS1001's; what counts as personal data is <see cref="PersonalDataVocabulary"/>'s.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS5001PersonalDataLoggedAnalyzer : SensitiveValueLoggedAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS5001PersonalDataLogged);

        private protected override DiagnosticDescriptor Rule => Descriptors.SS5001PersonalDataLogged;

        internal override Func<SyntaxTree, CardDataRecognizer> Recognizers(Compilation compilation, AnalyzerOptions options) => PersonalDataRecognizers(options);

        /// <summary>The personal-data recognizer per tree, with the repository's <c>secureshop.personal_data_names</c> settings.</summary>
        internal static Func<SyntaxTree, CardDataRecognizer> PersonalDataRecognizers(AnalyzerOptions options) =>
            CardDataRecognizer.ForNames(options, PersonalDataVocabulary.PersonalDataNamesKey, PersonalDataVocabulary.NotPersonalDataNamesKey, PersonalDataVocabulary.Create);
    }
}
