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
    /// SS1002: sensitive authentication data (CVV/CVC, track data, PIN) written to persistent or shared
    /// state: an EF Core entity property, a database command parameter (ADO.NET, Dapper), a file, the
    /// session, TempData, a distributed or memory cache, a cookie. Encryption does not make it compliant.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS1002SensitiveAuthenticationDataStoredAnalyzer : CardDataAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS1002SensitiveAuthenticationDataStored);

        internal override void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var compilation = context.Compilation;
            var sinks = SinkTable.For(compilation)
                .Add("Microsoft.Data.SqlClient.SqlParameterCollection", "a database command parameter", "AddWithValue", "Add")
                .Add("System.Data.SqlClient.SqlParameterCollection", "a database command parameter", "AddWithValue", "Add")
                .Add("System.Data.Common.DbParameterCollection", "a database command parameter", "Add", "AddRange")
                .Add("Dapper.SqlMapper", "a database command (Dapper)", "Execute", "ExecuteAsync", "ExecuteScalar", "ExecuteScalarAsync", "Query", "QueryAsync", "QueryFirst", "QueryFirstAsync", "QueryFirstOrDefault", "QueryFirstOrDefaultAsync", "QuerySingle", "QuerySingleAsync")
                .Add("Microsoft.AspNetCore.Http.SessionExtensions", "the session", "SetString", "SetInt32")
                .Add("Microsoft.AspNetCore.Http.ISession", "the session", "Set")
                .Add("Microsoft.Extensions.Caching.Distributed.DistributedCacheExtensions", "a distributed cache", "SetString", "SetStringAsync", "Set", "SetAsync")
                .Add("Microsoft.Extensions.Caching.Distributed.IDistributedCache", "a distributed cache", "Set", "SetAsync")
                .Add("Microsoft.Extensions.Caching.Memory.CacheExtensions", "a memory cache", "Set", "GetOrCreate", "GetOrCreateAsync")
                .Add("Microsoft.AspNetCore.Http.IResponseCookies", "a cookie", "Append")
                .Build();
            var parameterTypes = new[]
            {
                KnownTypes.Get(compilation, "Microsoft.Data.SqlClient.SqlParameter"),
                KnownTypes.Get(compilation, "System.Data.Common.DbParameter"),
            };
            var tempData = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ViewFeatures.ITempDataDictionary");

            var model = EntityModel.For(compilation);
            if (model is not null)
            {
                context.RegisterSymbolAction(
                    c =>
                    {
                        var property = (IPropertySymbol)c.Symbol;
                        if (property.Locations.Length == 0 || !property.Locations[0].IsInSource ||
                            !recognizerFor(property.Locations[0].SourceTree!).Classify(property).HasFlag(CardDataKind.Sad) ||
                            model.EntityOf(property) is not { } entity)
                        {
                            return;
                        }

                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1002SensitiveAuthenticationDataStored, property.Locations[0], property.Name, $"entity {entity.Name}"));
                    },
                    SymbolKind.Property);
                context.RegisterSymbolAction(
                    c =>
                    {
                        var field = (IFieldSymbol)c.Symbol;
                        if (field.Locations.Length == 0 || !field.Locations[0].IsInSource || field.IsImplicitlyDeclared ||
                            !recognizerFor(field.Locations[0].SourceTree!).Classify(field).HasFlag(CardDataKind.Sad) ||
                            model.EntityOf(field) is not { } entity)
                        {
                            return;
                        }

                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1002SensitiveAuthenticationDataStored, field.Locations[0], field.Name, $"entity {entity.Name}"));
                    },
                    SymbolKind.Field);
            }

            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    var sink = sinks.Match(invocation.TargetMethod);

                    // Keys, SQL text and paths are not the stored value: only what is written counts.
                    // A parameter object created in place is reported where it is created.
                    var values = sink is not null
                        ? StoredValues(invocation).Where(v => !IsAny(v.WithoutConversions().Type, parameterTypes))
                        : FileWrite.WrittenValues(invocation, knownFileOnly: false);
                    if (sink is null && !values.Any())
                    {
                        return;
                    }

                    var found = FirstAny(recognizerFor(invocation.Syntax.SyntaxTree), values, CardDataKind.Sad);
                    if (found.Operation is not null)
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1002SensitiveAuthenticationDataStored, found.Operation.Syntax.GetLocation(), found.Value.NameOf(CardDataKind.Sad), sink?.Display ?? "a file"));
                    }
                },
                OperationKind.Invocation);

            context.RegisterOperationAction(
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (!IsAny(creation.Type, parameterTypes))
                    {
                        return;
                    }

                    var recognizer = recognizerFor(creation.Syntax.SyntaxTree);
                    foreach (var argument in creation.Arguments)
                    {
                        if (argument.Parameter?.Name == "value" && Report(c, recognizer, argument.Value, "a database command parameter"))
                        {
                            return;
                        }
                    }
                },
                OperationKind.ObjectCreation);

            context.RegisterOperationAction(
                c =>
                {
                    var assignment = (ISimpleAssignmentOperation)c.Operation;
                    var recognizer = recognizerFor(assignment.Syntax.SyntaxTree);
                    switch (assignment.Target)
                    {
                        case IPropertyReferenceOperation { Property.Name: "Value" } parameter when IsAny(parameter.Property.ContainingType, parameterTypes):
                            Report(c, recognizer, assignment.Value, "a database command parameter");
                            break;
                        case IPropertyReferenceOperation { Property.IsIndexer: true } indexer when tempData is not null && Implements(indexer.Instance?.Type, tempData):
                            Report(c, recognizer, assignment.Value, "TempData");
                            break;
                    }
                },
                OperationKind.SimpleAssignment);
        }

        private static bool Report(OperationAnalysisContext context, CardDataRecognizer recognizer, IOperation value, string sink)
        {
            var found = recognizer.Value(value);
            if (!found.Has(CardDataKind.Sad))
            {
                return false;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1002SensitiveAuthenticationDataStored, value.Syntax.GetLocation(), found.NameOf(CardDataKind.Sad), sink));
            return true;
        }

        /// <summary>The arguments of a storing call that carry the stored value (not the key, path or SQL text).</summary>
        private static System.Collections.Generic.IEnumerable<IOperation> StoredValues(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "key":
                    case "path":
                    case "sql":
                    case "parameterName":
                    case "cnn":
                    case "options":
                    case "cancellationToken":
                    case "encoding":
                    case "commandTimeout":
                    case "transaction":
                    case "commandType":
                        continue;
                }

                // The receiver of an extension call (the session, the cache, the connection) is not the value.
                bool isReceiver = invocation.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0;
                if (!isReceiver && argument.ArgumentKind != ArgumentKind.DefaultValue)
                {
                    yield return argument.Value;
                }
            }
        }

        private static bool IsAny(ITypeSymbol? type, INamedTypeSymbol?[] candidates)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                foreach (var candidate in candidates)
                {
                    if (candidate is not null && SymbolEqualityComparer.Default.Equals(t, candidate))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        private static bool Implements(ITypeSymbol? type, INamedTypeSymbol contract) =>
            type is not null && (SymbolEqualityComparer.Default.Equals(type, contract) || type.AllInterfaces.Contains(contract, SymbolEqualityComparer.Default));
    }
}
