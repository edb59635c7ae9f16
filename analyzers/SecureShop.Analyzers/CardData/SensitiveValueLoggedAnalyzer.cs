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
            var loggerMessageAttribute = context.Compilation.GetTypeByMetadataName("Microsoft.Extensions.Logging.LoggerMessageAttribute");
            var textWriter = context.Compilation.GetTypeByMetadataName("System.IO.TextWriter");
            if (sinks.IsEmpty && loggerMessageAttribute is null)
            {
                return;
            }

            var rule = Rule;
            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    var method = invocation.TargetMethod;
                    string? sink = sinks.Match(method)?.Display ?? ConsoleStream(invocation, textWriter);
                    if (sink is null)
                    {
                        // [LoggerMessage] methods are partial method definitions of the project: only those need their attributes read.
                        if (loggerMessageAttribute is null || !method.IsPartialDefinition || !method.HasAttribute(loggerMessageAttribute))
                        {
                            return;
                        }

                        sink = "[LoggerMessage]";
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
