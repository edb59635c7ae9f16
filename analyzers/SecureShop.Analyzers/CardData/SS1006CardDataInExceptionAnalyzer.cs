using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.CardData
{
    /// <summary>SS1006: card data (PAN or SAD) in the text given to an exception's constructor.</summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS1006CardDataInExceptionAnalyzer : CardDataAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS1006CardDataInException);

        internal override void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var exception = KnownTypes.Get(context.Compilation, "System.Exception");
            if (exception is null)
            {
                return;
            }

            context.RegisterOperationAction(
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (!creation.Type.InheritsFrom(exception))
                    {
                        return;
                    }

                    var recognizer = recognizerFor(creation.Syntax.SyntaxTree);
                    foreach (var argument in creation.Arguments)
                    {
                        // Text becomes the message (and ArgumentOutOfRangeException's actualValue is printed in it);
                        // an inner exception or an error code is not.
                        var parameterType = argument.Parameter?.Type.SpecialType;
                        if (parameterType != SpecialType.System_String && parameterType != SpecialType.System_Object)
                        {
                            continue;
                        }

                        var value = recognizer.Value(argument.Value);
                        if (value.IsCardData && !value.IsHolder)
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1006CardDataInException, argument.Value.Syntax.GetLocation(), value.Name, creation.Type!.Name));
                            return;
                        }
                    }
                },
                OperationKind.ObjectCreation);
        }
    }
}
