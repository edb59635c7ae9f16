using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.CardData;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.PersonalData
{
    /// <summary>
    /// SS5002: a customer's personal data given to a third-party analytics or telemetry service: Application Insights
    /// <c>Track*</c>, Activity tags and baggage, Segment, Mixpanel, Sentry (SS1008's telemetry sinks).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS5002PersonalDataToAnalyticsAnalyzer : CardDataAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS5002PersonalDataToAnalytics);

        internal override Func<SyntaxTree, CardDataRecognizer> Recognizers(Compilation compilation, AnalyzerOptions options) => SS5001PersonalDataLoggedAnalyzer.PersonalDataRecognizers(options);

        internal override void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var sinks = SinkTable.For(context.Compilation).AddTelemetry().Build();
            if (sinks.IsEmpty)
            {
                return;
            }

            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    var sink = sinks.Match(invocation.TargetMethod);
                    if (sink is null)
                    {
                        return;
                    }

                    var recognizer = recognizerFor(invocation.Syntax.SyntaxTree);
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.ArgumentKind == ArgumentKind.DefaultValue || argument.Parameter?.Name == "cancellationToken" ||
                            (invocation.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0))
                        {
                            continue;
                        }

                        var value = recognizer.Value(argument.Value);
                        if (value.IsCardData)
                        {
                            c.ReportDiagnostic(Diagnostic.Create(
                                Descriptors.SS5002PersonalDataToAnalytics, argument.Value.Syntax.GetLocation(), value.Name, sink.Display + " (" + invocation.TargetMethod.Name + ")"));
                            return;
                        }
                    }
                },
                OperationKind.Invocation);
        }
    }
}
