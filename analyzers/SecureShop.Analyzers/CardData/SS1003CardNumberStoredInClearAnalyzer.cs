using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.CardData
{
    /// <summary>
    /// SS1003: a card-number property of a persisted EF Core entity that is kept as is: no value converter,
    /// no encryption attribute, and not only ever assigned the result of an encrypt/tokenize/hash call.
    /// The EF model is a lazy per-compilation fact, so the rule reports from the property's own symbol action.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS1003CardNumberStoredInClearAnalyzer : CardDataAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS1003CardNumberStoredInClear);

        internal override void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var model = EntityModel.For(context.Compilation);
            if (model is null)
            {
                return;
            }

            context.RegisterSymbolAction(
                c =>
                {
                    var property = (IPropertySymbol)c.Symbol;
                    if (property.Locations.Length == 0 || !property.Locations[0].IsInSource)
                    {
                        return;
                    }

                    var recognizer = recognizerFor(property.Locations[0].SourceTree!);
                    if (!recognizer.Classify(property).HasFlag(CardDataKind.Pan) || model.EntityOf(property) is not { } entity)
                    {
                        return;
                    }

                    if (model.HasConverter(property) || HasProtectionAttribute(property) || model.OnlyAssignedProtectedValues(property, recognizer))
                    {
                        return;
                    }

                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1003CardNumberStoredInClear, property.Locations[0], property.Name, $"entity {entity.Name}"));
                },
                SymbolKind.Property);
        }

        /// <summary>[Encrypted], [Encrypt], [ProtectedPersonalData], [Tokenized] and the like: any attribute naming protection.</summary>
        private static bool HasProtectionAttribute(IPropertySymbol property)
        {
            foreach (var attribute in property.GetAttributes())
            {
                var name = attribute.AttributeClass?.Name ?? string.Empty;
                if (name.IndexOf("Encrypt", StringComparison.OrdinalIgnoreCase) >= 0 ||
                    name.IndexOf("Protected", StringComparison.OrdinalIgnoreCase) >= 0 ||
                    name.IndexOf("Tokeni", StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
