using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.CardData
{
    /// <summary>
    /// A sensitive value reaching a logger, the console or a trace: Microsoft.Extensions.Logging (Log* extensions,
    /// ILogger.Log, BeginScope, [LoggerMessage] methods), Console, Trace/Debug, Serilog, NLog, log4net. A whole object
    /// with a sensitive member counts when the sink prints its members: a destructured template hole (<c>{@Payment}</c>),
    /// a record's generated ToString, an anonymous type, a scope. One piece for card data (SS1001), secrets (SS3016) and
    /// personal data (SS5001): each rule gives its descriptor and, through <see cref="CardDataAnalyzer.Recognizers"/>, what it looks for.
    /// </summary>
    public abstract class SensitiveValueLoggedAnalyzer : CardDataAnalyzer
    {
        private static readonly string[] s_levels = { "Verbose", "Debug", "Information", "Warning", "Error", "Fatal", "Write", "ForContext" };

        /// <summary>The rule reported; its message takes the value's name and the sink.</summary>
        private protected abstract DiagnosticDescriptor Rule { get; }

        /// <summary>
        /// Whether a value passed to the project's own method that logs its parameter is reported at the call (card data:
        /// SS1001). It is asked of every call of the project, so the rules whose vocabularies are broader leave it off.
        /// </summary>
        private protected virtual bool FollowsHelpers => false;

        internal sealed override void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var sinks = SinkTable.For(context.Compilation)
                .Add("Microsoft.Extensions.Logging.LoggerExtensions", "ILogger", "Log", "LogTrace", "LogDebug", "LogInformation", "LogWarning", "LogError", "LogCritical", "BeginScope")
                .Add("Microsoft.Extensions.Logging.ILogger", "ILogger", "Log", "BeginScope")
                .Add("System.Console", "Console", "Write", "WriteLine")
                .Add("System.Diagnostics.Trace", "Trace", "Write", "WriteLine", "WriteIf", "WriteLineIf", "TraceInformation", "TraceWarning", "TraceError", "Fail")
                .Add("System.Diagnostics.Debug", "Debug", "Write", "WriteLine", "WriteIf", "WriteLineIf", "Print", "Fail")
                .Add("Serilog.ILogger", "Serilog", s_levels)
                .Add("Serilog.Log", "Serilog", s_levels)
                .Add("NLog.ILogger", "NLog", "Trace", "Debug", "Info", "Warn", "Error", "Fatal", "Log")
                .Add("NLog.ILoggerBase", "NLog", "Log")
                .Add("NLog.Logger", "NLog", "Trace", "Debug", "Info", "Warn", "Error", "Fatal", "Log")
                .Add("log4net.ILog", "log4net", "Debug", "Info", "Warn", "Error", "Fatal", "DebugFormat", "InfoFormat", "WarnFormat", "ErrorFormat", "FatalFormat")
                .Build();
            var loggerMessageAttribute = KnownTypes.Get(context.Compilation, "Microsoft.Extensions.Logging.LoggerMessageAttribute");
            var textWriter = KnownTypes.Get(context.Compilation, "System.IO.TextWriter");
            if (sinks.IsEmpty && loggerMessageAttribute is null)
            {
                return;
            }

            // [LoggerMessage] methods are partial method definitions of the project: only those need their attributes read.
            string? SinkName(IInvocationOperation invocation) =>
                sinks.Match(invocation.TargetMethod)?.Display ?? ConsoleStream(invocation, textWriter) ??
                (loggerMessageAttribute is not null && invocation.TargetMethod.IsPartialDefinition && invocation.TargetMethod.HasAttribute(loggerMessageAttribute) ? "[LoggerMessage]" : null);

            IEnumerable<IOperation>? LoggedValues(IInvocationOperation invocation) =>
                SinkName(invocation) is null ? null : PassedValues(invocation).Where(v => !IsLoggerPlumbing(v));

            var rule = Rule;
            var summaries = FollowsHelpers ? MethodSummaries.For(context.Compilation) : null;
            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    var method = invocation.TargetMethod;
                    string? sink = SinkName(invocation);
                    if (sink is null)
                    {
                        if (summaries is not null)
                        {
                            ReportThroughHelper(c, rule, recognizerFor, summaries, invocation, LoggedValues, SinkName);
                        }

                        return;
                    }

                    var recognizer = recognizerFor(invocation.Syntax.SyntaxTree);
                    var found = Find(recognizer, invocation, method);
                    if (found.Operation is not null)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(rule, found.Operation.Syntax.GetLocation(), found.Value.Name, $"a log or trace ({sink}.{method.Name})"));
                    }
                },
                OperationKind.Invocation);
        }

        /// <summary>
        /// A sensitive value (card data for SS1001) passed to the project's own method whose parameter reaches a log within <see cref="MethodSummaries.MaxCalls"/>
        /// calls (<c>LogPayment(card.Number)</c>, <c>void LogPayment(string n) =&gt; _logger.LogInformation("{N}", n)</c>): reported at the
        /// call site, the log call as an additional location. The argument is judged without following calls (this question is asked
        /// of every call of the project); a helper whose parameter is sensitive by its own name is reported inside the helper instead.
        /// </summary>
        private static void ReportThroughHelper(
            OperationAnalysisContext context,
            DiagnosticDescriptor rule,
            Func<SyntaxTree, CardDataRecognizer> recognizerFor,
            MethodSummaries summaries,
            IInvocationOperation invocation,
            Func<IInvocationOperation, IEnumerable<IOperation>?> loggedValues,
            Func<IInvocationOperation, string?> sinkName)
        {
            var method = invocation.TargetMethod;
            if (invocation.Arguments.IsEmpty || method.DeclaringSyntaxReferences.IsEmpty)
            {
                return; // a library method: nothing to follow
            }

            CardDataRecognizer? recognizer = null;
            foreach (var argument in invocation.Arguments)
            {
                // Cheap checks first: only text or digits can be a direct card value (a holder object is not followed here).
                var passed = argument.Value.WithoutConversions();
                if (argument.ArgumentKind != ArgumentKind.Explicit || argument.Parameter is not { } parameter ||
                    passed.ConstantValue.HasValue || passed.Type is not { SpecialType: not SpecialType.None })
                {
                    continue;
                }

                recognizer ??= recognizerFor(invocation.Syntax.SyntaxTree);
                CardDataValue value;
                using (MethodSummaries.WithoutCalls())
                {
                    value = recognizer.Value(argument.Value);
                }

                if (!value.IsCardData || value.IsHolder || recognizer.Classify(parameter.OriginalDefinition) != CardDataKind.None)
                {
                    continue;
                }

                var paths = summaries.SinkOf(method, rule.Id, loggedValues);
                if (parameter.Ordinal >= paths.Length || paths[parameter.Ordinal] is not { } path)
                {
                    continue;
                }

                string sink = $"{sinkName(path.Sink)}.{path.Sink.TargetMethod.Name}";
                var steps = new List<(Location, string)>();
                for (int i = 0; i < path.Steps.Length; i++)
                {
                    steps.Add((path.Steps[i], i == path.Steps.Length - 1 ? $"'{value.Name}' is written to the log here ({sink})" : $"'{value.Name}' is passed on here"));
                }

                context.ReportDiagnostic(MethodSummaries.Report(
                    rule, argument.Value.Syntax.GetLocation(), steps, value.Name, $"a log or trace ({sink}) through '{method.Name}'"));
                return;
            }
        }

        /// <summary>Console.Out.Write* / Console.Error.Write*: the console, through its TextWriter.</summary>
        private static string? ConsoleStream(IInvocationOperation invocation, INamedTypeSymbol? textWriter) =>
            textWriter is not null &&
            invocation.TargetMethod.Name.StartsWith("Write", StringComparison.Ordinal) &&
            invocation.Instance is IPropertyReferenceOperation { Property: { Name: "Out" or "Error", ContainingType.Name: "Console" } } stream &&
            stream.Property.Type.InheritsFrom(textWriter)
                ? "Console." + stream.Property.Name
                : null;

        private static (IOperation? Operation, CardDataValue Value) Find(CardDataRecognizer recognizer, IInvocationOperation invocation, IMethodSymbol method)
        {
            var values = PassedValues(invocation).Where(v => !IsLoggerPlumbing(v)).ToList();
            bool isScope = method.Name == "BeginScope";
            var destructured = DestructuredArguments(values);
            for (int i = 0; i < values.Count; i++)
            {
                var value = recognizer.Value(values[i]);
                if (!value.IsCardData)
                {
                    continue;
                }

                // A holder object leaks when its members are printed; logged as {Order} it is just its type name.
                if (!value.IsHolder || isScope || destructured.Contains(i) || CardDataRecognizer.PrintsMembers(SymbolFacts.WithoutConversions(values[i]).Type))
                {
                    return (values[i], value);
                }
            }

            return (null, CardDataValue.None);
        }

        /// <summary>The logger itself, exceptions, event ids and levels are not message content.</summary>
        private static bool IsLoggerPlumbing(IOperation value)
        {
            var type = SymbolFacts.WithoutConversions(value).Type;
            if (type is null)
            {
                return false;
            }

            if (type.TypeKind == TypeKind.Enum || type.Name == "EventId" || type.Name.EndsWith("Logger", StringComparison.Ordinal) || type.Name == "ILog")
            {
                return true;
            }

            for (var t = type; t is not null; t = t.BaseType)
            {
                if (t.Name == "Exception" && t.ContainingNamespace?.ToDisplayString() == "System")
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Indexes of the values that fill a destructuring hole (<c>{@Order}</c>) of the constant message template,
        /// counted among the values after the template.
        /// </summary>
        private static HashSet<int> DestructuredArguments(List<IOperation> values)
        {
            var result = new HashSet<int>();
            for (int t = 0; t < values.Count; t++)
            {
                if (values[t].ConstantValue is { HasValue: true, Value: string template } && SymbolFacts.WithoutConversions(values[t]).Type?.SpecialType == SpecialType.System_String)
                {
                    int hole = 0;
                    for (int i = 0; i < template.Length; i++)
                    {
                        if (template[i] != '{')
                        {
                            continue;
                        }

                        if (i + 1 < template.Length && template[i + 1] == '{')
                        {
                            i++;
                            continue;
                        }

                        if (i + 1 < template.Length && template[i + 1] == '@')
                        {
                            result.Add(t + 1 + hole);
                        }

                        hole++;
                    }

                    break;
                }
            }

            return result;
        }
    }
}
