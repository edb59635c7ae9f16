using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.ShopLogic
{
    /// <summary>
    /// SS4002: SQL text built from request data reaching a raw-SQL API: EF Core <c>FromSqlRaw</c>,
    /// <c>ExecuteSqlRaw(Async)</c> and <c>SqlQueryRaw</c>; a command's <c>CommandText</c>; the <c>SqlCommand</c>,
    /// <c>NpgsqlCommand</c> and <c>MySqlCommand</c> constructors; Dapper's <c>Query*</c>/<c>Execute*</c>. The text is
    /// judged by where its parts come from (<see cref="RequestValue"/>): a concatenation, an interpolated string, a
    /// <c>string.Format</c> or a <c>StringBuilder</c> with a request value in it. <c>FromSql($"...")</c> and
    /// <c>FromSqlInterpolated</c> turn the holes into parameters and are not sinks; values checked against a fixed
    /// list are safe.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS4002SqlBuiltFromRequestDataAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> s_efRawMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal, "FromSqlRaw", "ExecuteSqlRaw", "ExecuteSqlRawAsync", "SqlQueryRaw");

        private static readonly ImmutableHashSet<string> s_commandTypes = ImmutableHashSet.Create(
            StringComparer.Ordinal, "SqlCommand", "NpgsqlCommand", "MySqlCommand", "SqliteCommand", "OracleCommand", "OleDbCommand", "OdbcCommand");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS4002SqlBuiltFromRequestData);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var dbCommand = KnownTypes.Get(start.Compilation, "System.Data.IDbCommand");
                if (KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Http.HttpRequest") is null || dbCommand is null)
                {
                    return; // no request data to follow, or no database API
                }

                var requests = new RequestValue(start.Compilation);
                start.RegisterOperationAction(c => AnalyzeInvocation(c, requests), OperationKind.Invocation);
                start.RegisterOperationAction(c => AnalyzeCreation(c, requests, dbCommand), OperationKind.ObjectCreation);
                start.RegisterOperationAction(c => AnalyzeCommandText(c, requests, dbCommand), OperationKind.SimpleAssignment);
            });
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context, RequestValue requests)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            // Called for every invocation: the method's name first, the container's display string only for candidates.
            bool efName = s_efRawMethods.Contains(method.Name);
            bool dapperName = method.Name.StartsWith("Query", StringComparison.Ordinal) || method.Name.StartsWith("Execute", StringComparison.Ordinal);
            if (!efName && !dapperName)
            {
                return;
            }

            string? container = method.ContainingType?.ToDisplayString();
            bool efRaw = efName && container is not null && container.StartsWith("Microsoft.EntityFrameworkCore.", StringComparison.Ordinal);
            bool dapper = dapperName && container == "Dapper.SqlMapper";
            if (!efRaw && !dapper)
            {
                return;
            }

            var sql = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Name == "sql")?.Value;
            if (sql is not null)
            {
                Judge(context, requests, sql, method.Name);
            }
        }

        private static void AnalyzeCreation(OperationAnalysisContext context, RequestValue requests, INamedTypeSymbol dbCommand)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Type is not INamedTypeSymbol type || !s_commandTypes.Contains(type.Name) || !type.AllInterfaces.Contains(dbCommand, SymbolEqualityComparer.Default))
            {
                return;
            }

            var text = creation.Arguments.FirstOrDefault(a => a.Parameter?.Type.SpecialType == SpecialType.System_String && a.Parameter.Ordinal == 0)?.Value;
            if (text is not null)
            {
                Judge(context, requests, text, "new " + type.Name);
            }
        }

        private static void AnalyzeCommandText(OperationAnalysisContext context, RequestValue requests, INamedTypeSymbol dbCommand)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is IPropertyReferenceOperation { Property.Name: "CommandText", Instance: { Type: { } commandType } } &&
                (SymbolEqualityComparer.Default.Equals(commandType, dbCommand) || commandType.AllInterfaces.Contains(dbCommand, SymbolEqualityComparer.Default)))
            {
                Judge(context, requests, assignment.Value, commandType.Name + ".CommandText");
            }
        }

        private static void Judge(OperationAnalysisContext context, RequestValue requests, IOperation sql, string sink)
        {
            var text = sql.WithoutConversions();
            if (text.Type?.SpecialType != SpecialType.System_String)
            {
                return; // FormattableString: the holes become parameters
            }

            var root = context.Operation.Root();
            var source = requests.SourceOf(text, root);
            if (source is null)
            {
                return;
            }

            // A value followed through the project's own methods carries those calls as additional locations.
            var steps = source.IndexOf(" (through '", StringComparison.Ordinal) >= 0
                ? MethodSummaries.For(context.Compilation).CallSteps(text)
                : Array.Empty<(Location, string)>();
            context.ReportDiagnostic(MethodSummaries.Report(Descriptors.SS4002SqlBuiltFromRequestData, sql.Syntax.GetLocation(), steps, sink, source, HowBuilt(text, root)));
        }

        /// <summary>How the text was put together, for the message: "concatenation", "string interpolation", ...</summary>
        private static string HowBuilt(IOperation text, IOperation root)
        {
            for (int depth = 0; depth < 4; depth++)
            {
                switch (text)
                {
                    case IBinaryOperation:
                        return "concatenation";
                    case IInterpolatedStringOperation:
                        return "string interpolation";
                    case IInvocationOperation { TargetMethod.Name: "Format" }:
                        return "string.Format";
                    case IInvocationOperation { TargetMethod.Name: "Concat" or "Join" }:
                        return "string." + ((IInvocationOperation)text).TargetMethod.Name;
                    case IInvocationOperation { TargetMethod.Name: "ToString", Instance.Type.Name: "StringBuilder" }:
                        return "a StringBuilder";
                    case IInvocationOperation call when !call.TargetMethod.DeclaringSyntaxReferences.IsEmpty:
                        return "a call to '" + call.TargetMethod.Name + "'";
                    case ILocalReferenceOperation local:
                        var assigned = root.Descendants().OfType<IVariableDeclaratorOperation>()
                            .FirstOrDefault(d => SymbolEqualityComparer.Default.Equals(d.Symbol, local.Local))?.Initializer?.Value.WithoutConversions();
                        var compound = root.Descendants().OfType<ICompoundAssignmentOperation>()
                            .Any(a => a.Target is ILocalReferenceOperation t && SymbolEqualityComparer.Default.Equals(t.Local, local.Local));
                        if (compound)
                        {
                            return "concatenation";
                        }

                        if (assigned is null)
                        {
                            return "assignment";
                        }

                        text = assigned;
                        break;
                    default:
                        return "passing it unchanged";
                }
            }

            return "assignment";
        }
    }
}
