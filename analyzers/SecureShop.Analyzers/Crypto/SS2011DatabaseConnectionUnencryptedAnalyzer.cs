using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2011: a database connection without transport encryption, or with TLS that trusts any certificate.
    /// Connection-string literals (and interpolated strings) that set <c>Encrypt=False</c>/<c>no</c>/<c>Optional</c>,
    /// <c>TrustServerCertificate=True</c>, <c>SslMode=Disable</c>/<c>Allow</c> (Npgsql) or <c>SslMode=None</c>/<c>Disabled</c>
    /// (MySQL), when the text looks like a connection string (<c>;</c>-separated pairs naming a server) or goes where one
    /// goes (a connection or builder constructor, a <c>connectionString</c> parameter such as <c>UseSqlServer</c>'s, a
    /// <c>ConnectionString</c> property). Builders: <c>Encrypt = false</c>/<c>SqlConnectionEncryptOption.Optional</c>,
    /// <c>TrustServerCertificate = true</c>, <c>SslMode = SslMode.Disable</c>/<c>MySqlSslMode.None</c>. One finding per literal
    /// or assignment; local servers and development-only code are left alone. The message names the keyword, never the
    /// connection string (it may hold a password).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2011DatabaseConnectionUnencryptedAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Literal findings: the normalized keys to flip (<c>encrypt,sslmode</c>).</summary>
        internal const string KeysKey = "Keys";

        /// <summary>Builder findings: the safe value, <c>true</c>/<c>false</c>, or the enum member name (<c>Mandatory</c>, <c>Require</c>, <c>Required</c>).</summary>
        internal const string ValueKey = "Value";

        private const string Unencrypted = "traffic to the database is not encrypted";
        private const string Unverified = "the server certificate is not checked, so anyone on the network path can pose as the database";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS2011DatabaseConnectionUnencrypted);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var connection = KnownTypes.Get(start.Compilation, "System.Data.Common.DbConnection");
                var builder = KnownTypes.Get(start.Compilation, "System.Data.Common.DbConnectionStringBuilder");
                start.RegisterOperationAction(
                    c =>
                    {
                        var literal = (ILiteralOperation)c.Operation;
                        if (literal.Parent is not IInterpolatedStringTextOperation && literal.ConstantValue.Value is string text)
                        {
                            AnalyzeText(c, text, connection, builder);
                        }
                    },
                    OperationKind.Literal);
                start.RegisterOperationAction(
                    c =>
                    {
                        // Every $"..." of the compilation comes here (log messages, URLs): look at its literal parts before building any text.
                        var interpolated = (IInterpolatedStringOperation)c.Operation;
                        if (ConnectionStringText.MayWeaken(LiteralParts(interpolated)))
                        {
                            AnalyzeText(c, TextOf(interpolated), connection, builder);
                        }
                    },
                    OperationKind.InterpolatedString);
                if (builder is not null)
                {
                    start.RegisterOperationAction(c => AnalyzeBuilderAssignment(c, builder), OperationKind.SimpleAssignment);
                }
            });
        }

        private static void AnalyzeText(OperationAnalysisContext context, string text, INamedTypeSymbol? connection, INamedTypeSymbol? builder)
        {
            if (!ConnectionStringText.MayWeaken(text))
            {
                return;
            }

            var weaknesses = ConnectionStringText.Weaknesses(text);
            if (weaknesses.IsEmpty ||
                !(ConnectionStringText.LooksLikeConnectionString(text) || GoesToConnection(context.Operation, connection, builder)) ||
                ConnectionStringText.IsLocal(text) ||
                DevelopmentOnly.Contains(context.Operation))
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty.Add(KeysKey, string.Join(",", weaknesses.Select(w => w.Key).Distinct()));
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS2011DatabaseConnectionUnencrypted,
                context.Operation.Syntax.GetLocation(),
                properties,
                "string sets " + string.Join(", ", weaknesses.Select(w => w.Written)),
                Consequence(weaknesses.Any(w => !w.Certificate), weaknesses.Any(w => w.Certificate))));
        }

        /// <summary>The text of an interpolated string, each hole a control character that no keyword, value or host contains.</summary>
        private static string TextOf(IInterpolatedStringOperation interpolated)
        {
            var text = new StringBuilder();
            foreach (var part in interpolated.Parts)
            {
                text.Append(part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string literal } ? literal : "\u0001");
            }

            return text.ToString();
        }

        private static IEnumerable<string> LiteralParts(IInterpolatedStringOperation interpolated)
        {
            foreach (var part in interpolated.Parts)
            {
                if (part is IInterpolatedStringTextOperation { Text.ConstantValue.Value: string literal })
                {
                    yield return literal;
                }
            }
        }

        /// <summary>
        /// Passed to a connection or connection-string-builder constructor or to a <c>connectionString</c> parameter
        /// (<c>UseSqlServer</c>, <c>UseNpgsql</c>, <c>UseMySql</c>, <c>NpgsqlDataSource.Create</c>...), or assigned to a <c>ConnectionString</c>.
        /// </summary>
        private static bool GoesToConnection(IOperation operation, INamedTypeSymbol? connection, INamedTypeSymbol? builder)
        {
            switch (CreatedObject.Consumer(operation))
            {
                case IArgumentOperation argument:
                    if (string.Equals(argument.Parameter?.Name, "connectionString", StringComparison.OrdinalIgnoreCase))
                    {
                        return true;
                    }

                    return argument.Parent is IObjectCreationOperation { Type: { } created } &&
                        ((connection is not null && created.InheritsFrom(connection)) || (builder is not null && created.InheritsFrom(builder)));
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.Name: "ConnectionString" } }:
                    return true;
                default:
                    return false;
            }
        }

        /// <summary><c>Encrypt = false</c>, <c>TrustServerCertificate = true</c>, <c>SslMode = SslMode.Disable</c> on a connection-string builder.</summary>
        private static void AnalyzeBuilderAssignment(OperationAnalysisContext context, INamedTypeSymbol builder)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { Name: "Encrypt" or "TrustServerCertificate" or "SslMode" } property } target ||
                !property.ContainingType.InheritsFrom(builder))
            {
                return;
            }

            var value = assignment.Value.WithoutConversions();
            string? member = value switch
            {
                IFieldReferenceOperation field => field.Field.Name,
                IPropertyReferenceOperation enumLike => enumLike.Property.Name,
                _ => null,
            };
            string? safe = property.Name switch
            {
                "Encrypt" when value.ConstantValue is { HasValue: true, Value: false } => "true",
                "Encrypt" when member == "Optional" => "Mandatory",
                "TrustServerCertificate" when value.ConstantValue is { HasValue: true, Value: true } => "false",
                "SslMode" when member is "Disable" or "Allow" => "Require",
                "SslMode" when member is "None" or "Disabled" => "Required",
                _ => null,
            };
            if (safe is null || DevelopmentOnly.Contains(assignment))
            {
                return;
            }

            var setup = target.Instance is null ? null : ObjectSetup.Of(target.Instance, context.CancellationToken);
            if (setup is not null && (IsLocal(setup) || (property.Name == "TrustServerCertificate" && IsStrict(setup))))
            {
                return;
            }

            bool certificate = property.Name == "TrustServerCertificate";
            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS2011DatabaseConnectionUnencrypted,
                assignment.Syntax.GetLocation(),
                ImmutableDictionary<string, string?>.Empty.Add(ValueKey, safe),
                "builder sets " + property.ContainingType.Name + "." + property.Name + " = " + assignment.Value.Syntax,
                Consequence(!certificate, certificate)));
        }

        /// <summary>The builder's server (<c>DataSource</c>, <c>Host</c>, <c>Server</c>, or the connection string it was made from) is this machine.</summary>
        private static bool IsLocal(ObjectSetup setup)
        {
            string? server = null;
            if (setup.Argument("connectionString")?.ConstantValue.Value is string text && ConnectionStringText.IsLocal(text))
            {
                server = "localhost";
            }

            foreach (var name in new[] { "DataSource", "Host", "Server" })
            {
                foreach (var value in setup.ValuesOf(name))
                {
                    server = value.ConstantValue.Value as string;
                }
            }

            return server is not null && ConnectionStringText.IsLocalServer(server);
        }

        /// <summary><c>Encrypt = SqlConnectionEncryptOption.Strict</c>: TDS 8 always validates, whatever TrustServerCertificate says.</summary>
        private static bool IsStrict(ObjectSetup setup)
        {
            foreach (var value in setup.ValuesOf("Encrypt"))
            {
                if (value.WithoutConversions() is IPropertyReferenceOperation { Property.Name: "Strict" } or IFieldReferenceOperation { Field.Name: "Strict" })
                {
                    return true;
                }
            }

            return false;
        }

        private static string Consequence(bool unencrypted, bool unverified) =>
            unencrypted && unverified ? Unencrypted + ", and " + Unverified
            : unencrypted ? Unencrypted
            : Unverified;
    }
}
