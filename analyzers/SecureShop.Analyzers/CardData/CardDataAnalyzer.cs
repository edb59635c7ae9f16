using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.CardData
{
    /// <summary>
    /// What the SS1xxx rules share: the card-data recognizer of the compilation (with the repository's
    /// vocabulary settings) and the habits every rule keeps (concurrent, generated code analysed).
    /// </summary>
    public abstract class CardDataAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start => OnCompilationStart(start, Recognizers(start.Compilation, start.Options)));
        }

        /// <summary>The recognizer per tree: card data here; the personal-data and secret rules give a sibling that follows values the same way.</summary>
        internal virtual Func<SyntaxTree, CardDataRecognizer> Recognizers(Compilation compilation, AnalyzerOptions options) => CardDataRecognizer.ForCompilation(compilation, options);

        internal abstract void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor);

        /// <summary>The values a call passes, with params arrays flattened: what a sink receives.</summary>
        internal static IEnumerable<IOperation> PassedValues(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind == ArgumentKind.ParamArray && argument.Value is IArrayCreationOperation { Initializer: { } initializer })
                {
                    foreach (var element in initializer.ElementValues)
                    {
                        yield return element;
                    }
                }
                else if (argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    yield return argument.Value;
                }
            }
        }

        /// <summary>The first value of <paramref name="values"/> that carries card data directly (not as a holder).</summary>
        internal static (IOperation? Operation, CardDataValue Value) FirstDirect(CardDataRecognizer recognizer, IEnumerable<IOperation> values, CardDataKind kinds)
        {
            foreach (var value in values)
            {
                var found = recognizer.Value(value);
                if (found.IsCardData && !found.IsHolder && (found.Kind & kinds) != 0)
                {
                    return (value, found);
                }
            }

            return (null, CardDataValue.None);
        }

        /// <summary>The first value carrying card data directly or as an object holding a card member.</summary>
        internal static (IOperation? Operation, CardDataValue Value) FirstAny(CardDataRecognizer recognizer, IEnumerable<IOperation> values, CardDataKind kinds)
        {
            foreach (var value in values)
            {
                var found = recognizer.Value(value);
                if (found.IsCardData && (found.Kind & kinds) != 0)
                {
                    return (value, found);
                }
            }

            return (null, CardDataValue.None);
        }
    }
}
