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
    /// Reported at compilation end, on the property, once the whole model is known.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS1003CardNumberStoredInClearAnalyzer : CardDataAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS1003CardNumberStoredInClear);

        internal override void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var model = EntityModel.Track(context, recognizerFor);
            if (model is null)
            {
                return;
            }

            context.RegisterCompilationEndAction(c =>
            {
                foreach (var entity in model.EntityTypes)
                {
                    foreach (var property in PersistedCardProperties(entity, recognizerFor, CardDataKind.Pan))
                    {
                        if (model.HasConverter(property) || HasProtectionAttribute(property) || model.OnlyAssignedProtectedValues(property))
                        {
                            continue;
                        }

                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1003CardNumberStoredInClear, property.Locations[0], property.Name, $"entity {entity.Name}"));
                    }
                }
            });
        }

        /// <summary>Mapped properties of an entity (and its base types) that hold the given kind of card data.</summary>
        internal static System.Collections.Generic.IEnumerable<IPropertySymbol> PersistedCardProperties(INamedTypeSymbol entity, Func<SyntaxTree, CardDataRecognizer> recognizerFor, CardDataKind kind)
        {
            for (var type = entity; type is not null && type.SpecialType != SpecialType.System_Object; type = type.BaseType)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member is not IPropertySymbol { IsStatic: false, IsIndexer: false } property || property.Locations.Length == 0 || !property.Locations[0].IsInSource || property.HasAttributeNamed("NotMappedAttribute"))
                    {
                        continue;
                    }

                    var recognizer = recognizerFor(property.Locations[0].SourceTree!);
                    if ((recognizer.Classify(property) & kind) != 0)
                    {
                        yield return property;
                    }
                }
            }
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
