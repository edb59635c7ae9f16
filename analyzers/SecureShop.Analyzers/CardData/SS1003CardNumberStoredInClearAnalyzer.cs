using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
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
            context.RegisterOperationAction(
                c =>
                {
                    // A card number written to a file in clear: masked, encrypted or tokenized values carry no card data.
                    var invocation = (IInvocationOperation)c.Operation;
                    var values = FileWrite.WrittenValues(invocation, knownFileOnly: true).ToList();
                    if (values.Count == 0)
                    {
                        return;
                    }

                    var recognizer = recognizerFor(invocation.Syntax.SyntaxTree);
                    var found = FileWrite.WritesMembers(invocation)
                        ? FirstAny(recognizer, values, CardDataKind.Pan)
                        : FirstDirect(recognizer, values, CardDataKind.Pan);
                    if (found.Operation is not null)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1003CardNumberStoredInClear, found.Operation.Syntax.GetLocation(), found.Value.NameOf(CardDataKind.Pan), "a file"));
                    }
                },
                OperationKind.Invocation);

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

            // A private field the model maps by name (Property("_pan"), HasField("_pan")) is a column too.
            context.RegisterSymbolAction(
                c =>
                {
                    var field = (IFieldSymbol)c.Symbol;
                    if (field.Locations.Length == 0 || !field.Locations[0].IsInSource || field.IsImplicitlyDeclared)
                    {
                        return;
                    }

                    var recognizer = recognizerFor(field.Locations[0].SourceTree!);
                    if (!recognizer.Classify(field).HasFlag(CardDataKind.Pan) || model.EntityOf(field) is not { } entity ||
                        model.HasConverter(field) || HasProtectionAttribute(field) || model.OnlyAssignedProtectedValues(field, recognizer))
                    {
                        return;
                    }

                    c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1003CardNumberStoredInClear, field.Locations[0], field.Name, $"entity {entity.Name}"));
                },
                SymbolKind.Field);
        }

        /// <summary>[Encrypted], [Encrypt], [ProtectedPersonalData], [Tokenized] and the like: any attribute naming protection.</summary>
        private static bool HasProtectionAttribute(ISymbol property)
        {
            foreach (var attribute in property.Attributes())
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
