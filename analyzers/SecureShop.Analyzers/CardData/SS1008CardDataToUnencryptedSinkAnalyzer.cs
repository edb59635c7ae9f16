using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.CardData
{
    /// <summary>
    /// SS1008: card data leaving the cardholder data environment unprotected: in the body of an HttpClient
    /// request to a plain http:// address (not loopback), in an e-mail (MailMessage, SmtpClient, MimeKit),
    /// or in analytics and telemetry (Application Insights Track*, Activity tags and baggage).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS1008CardDataToUnencryptedSinkAnalyzer : CardDataAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS1008CardDataToUnencryptedSink);

        internal override void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var compilation = context.Compilation;
            var sinks = SinkTable.For(compilation)
                .Add("System.Net.Http.HttpClient", "plain HTTP", "PostAsync", "PutAsync", "PatchAsync", "SendAsync")
                .Add("System.Net.Http.Json.HttpClientJsonExtensions", "plain HTTP", "PostAsJsonAsync", "PutAsJsonAsync", "PatchAsJsonAsync")
                .Add("System.Net.Mail.SmtpClient", "an e-mail", "Send", "SendAsync", "SendMailAsync")
                .AddTelemetry()
                .Build();
            var mailMessage = KnownTypes.Get(compilation, "System.Net.Mail.MailMessage");
            var bodyBuilder = KnownTypes.Get(compilation, "MimeKit.BodyBuilder");
            if (sinks.IsEmpty && mailMessage is null && bodyBuilder is null)
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

                    if (sink.Display == "plain HTTP" && !SendsToPlainHttp(invocation))
                    {
                        return;
                    }

                    var recognizer = recognizerFor(invocation.Syntax.SyntaxTree);
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Name is "requestUri" or "cancellationToken" || (invocation.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0))
                        {
                            continue;
                        }

                        var value = recognizer.Value(argument.Value);
                        if (value.IsCardData)
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1008CardDataToUnencryptedSink, argument.Value.Syntax.GetLocation(), value.Name, Describe(sink.Display, invocation)));
                            return;
                        }
                    }
                },
                OperationKind.Invocation);

            context.RegisterOperationAction(
                c =>
                {
                    var assignment = (ISimpleAssignmentOperation)c.Operation;
                    if (assignment.Target is not IPropertyReferenceOperation { Property: { } property } ||
                        !(IsType(property.ContainingType, mailMessage) && (property.Name == "Body" || property.Name == "Subject")) &&
                        !(IsType(property.ContainingType, bodyBuilder) && (property.Name == "TextBody" || property.Name == "HtmlBody")))
                    {
                        return;
                    }

                    var value = recognizerFor(assignment.Syntax.SyntaxTree).Value(assignment.Value);
                    if (value.IsCardData)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1008CardDataToUnencryptedSink, assignment.Value.Syntax.GetLocation(), value.Name, $"an e-mail ({property.Name})"));
                    }
                },
                OperationKind.SimpleAssignment);

            context.RegisterOperationAction(
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (!IsType(creation.Type, mailMessage))
                    {
                        return;
                    }

                    var recognizer = recognizerFor(creation.Syntax.SyntaxTree);
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.Parameter?.Name is "subject" or "body")
                        {
                            var value = recognizer.Value(argument.Value);
                            if (value.IsCardData)
                            {
                                c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1008CardDataToUnencryptedSink, argument.Value.Syntax.GetLocation(), value.Name, "an e-mail"));
                                return;
                            }
                        }
                    }
                },
                OperationKind.ObjectCreation);
        }

        private static string Describe(string sink, IInvocationOperation invocation) =>
            sink == "plain HTTP" ? "an http:// address (" + invocation.TargetMethod.Name + ")" : sink + " (" + invocation.TargetMethod.Name + ")";

        /// <summary>The request URI is an http:// string or Uri whose host is not loopback.</summary>
        private static bool SendsToPlainHttp(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name == "requestUri" || argument.Parameter?.Name == "request")
                {
                    var text = PlainHttp.TargetOf(argument.Value);
                    return text is not null && PlainHttp.IsExternal(text);
                }
            }

            return false;
        }

        private static bool IsType(ITypeSymbol? type, INamedTypeSymbol? expected) =>
            expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
    }
}
