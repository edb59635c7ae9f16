using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2008: <c>SslProtocols.Ssl2</c>/<c>Ssl3</c>/<c>Tls</c>/<c>Tls11</c>/<c>Default</c> or <c>SecurityProtocolType.Ssl3</c>/<c>Tls</c>/<c>Tls11</c>
    /// used to enable protocols: assigned (<c>ServicePointManager.SecurityProtocol = ...</c>, <c>|=</c>, <c>HttpClientHandler.SslProtocols</c>,
    /// <c>EnabledSslProtocols</c>, Kestrel's <c>SslProtocols</c>, object initializers, a variable), or passed where the
    /// parameter is the protocol type (<c>AuthenticateAsClient(host, certs, SslProtocols.Tls, false)</c>). One finding per
    /// expression (a <c>|</c> combination or a <c>?:</c>), naming every obsolete member in it. Reads stay clean:
    /// comparisons, <c>switch</c> cases, <c>HasFlag</c>, <c>&amp;= ~...</c>, dictionary keys and values, arrays, logging.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2008ObsoleteTlsProtocolAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>
        /// How the code fix repairs the expression: <see cref="RemoveStatement"/> for a <c>|=</c> statement that only adds
        /// obsolete flags, else the fully qualified member to use when no secure flag is left. Absent when the
        /// expression is not a plain <c>|</c> combination.
        /// </summary>
        internal const string FixKey = "Fix";

        internal const string RemoveStatement = "remove";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS2008ObsoleteTlsProtocol);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                if (KnownTypes.Get(start.Compilation, "System.Security.Authentication.SslProtocols") is not null ||
                    KnownTypes.Get(start.Compilation, "System.Net.SecurityProtocolType") is not null)
                {
                    start.RegisterOperationAction(Analyze, OperationKind.FieldReference);
                }
            });
        }

        /// <summary>The protocol a member enables when it is obsolete ("TLS 1.0"), else null.</summary>
        internal static string? ObsoleteProtocol(IFieldSymbol field)
        {
            string? type = ProtocolType(field.ContainingType);
            return (type, field.Name) switch
            {
                ("SslProtocols", "Ssl2") => "SSL 2.0",
                ("SslProtocols", "Ssl3") or ("SecurityProtocolType", "Ssl3") => "SSL 3.0",
                ("SslProtocols", "Tls") or ("SecurityProtocolType", "Tls") => "TLS 1.0",
                ("SslProtocols", "Tls11") or ("SecurityProtocolType", "Tls11") => "TLS 1.1",
                ("SslProtocols", "Default") => "SSL 3.0 and TLS 1.0",
                _ => null,
            };
        }

        /// <summary>"SslProtocols" or "SecurityProtocolType" for the two protocol enums, else null.</summary>
        private static string? ProtocolType(ITypeSymbol? type) =>
            type is INamedTypeSymbol { TypeKind: TypeKind.Enum } named &&
            ((named.Name == "SslProtocols" && named.ContainingNamespace?.ToDisplayString() == "System.Security.Authentication") ||
             (named.Name == "SecurityProtocolType" && named.ContainingNamespace?.ToDisplayString() == "System.Net"))
                ? named.Name
                : null;

        private static void Analyze(OperationAnalysisContext context)
        {
            var reference = (IFieldReferenceOperation)context.Operation;
            if (reference.Field.Name is not ("Ssl2" or "Ssl3" or "Tls" or "Tls11" or "Default") || ObsoleteProtocol(reference.Field) is null)
            {
                return;
            }

            // Climb to the whole expression: a | combination or a ?: choice of protocols.
            IOperation top = reference;
            while (top.Parent is IConversionOperation or IParenthesizedOperation or IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } ||
                   (top.Parent is IConditionalOperation conditional && conditional.Condition != top))
            {
                top = top.Parent!;
            }

            var leaves = new List<IOperation>();
            bool plain = Leaves(top, leaves);
            var obsolete = leaves.OfType<IFieldReferenceOperation>().Where(l => ObsoleteProtocol(l.Field) is not null).ToList();
            if (obsolete.Count == 0 || obsolete[0] != reference || Sink(top) is not string sink)
            {
                return;
            }

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (plain && Fix(top, leaves.Count == obsolete.Count, reference.Field.ContainingType) is string fix)
            {
                properties = properties.Add(FixKey, fix);
            }

            string members = string.Join(", ", obsolete.Select(l => l.Field).Distinct<IFieldSymbol>(SymbolEqualityComparer.Default)
                .Select(f => $"{f.ContainingType.Name}.{f.Name} ({ObsoleteProtocol(f)})"));
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS2008ObsoleteTlsProtocol, top.Syntax.GetLocation(), properties, sink, members));
        }

        /// <summary>The operands of the expression in source order; false when it is more than a <c>|</c> of operands (a <c>?:</c>).</summary>
        private static bool Leaves(IOperation operation, List<IOperation> leaves)
        {
            switch (operation)
            {
                case IConversionOperation conversion:
                    return Leaves(conversion.Operand, leaves);
                case IParenthesizedOperation parenthesized:
                    return Leaves(parenthesized.Operand, leaves);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Or } binary:
                    return Leaves(binary.LeftOperand, leaves) & Leaves(binary.RightOperand, leaves);
                case IConditionalOperation conditional when conditional.WhenFalse is not null:
                    Leaves(conditional.WhenTrue, leaves);
                    Leaves(conditional.WhenFalse, leaves);
                    return false;
                default:
                    leaves.Add(operation);
                    return true;
            }
        }

        /// <summary>What the expression enables: the assigned property, field or variable, or the method it is passed to; null for a read.</summary>
        private static string? Sink(IOperation value)
        {
            switch (value.Parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Value == value:
                    return Target(assignment.Target);
                case ICompoundAssignmentOperation { OperatorKind: BinaryOperatorKind.Or } compound when compound.Value == value:
                    return Target(compound.Target);
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    return declarator.Symbol.Name;
                case IFieldInitializerOperation field when field.InitializedFields.Length > 0:
                    return field.InitializedFields[0].ContainingType.Name + "." + field.InitializedFields[0].Name;
                case IPropertyInitializerOperation property when property.InitializedProperties.Length > 0:
                    return property.InitializedProperties[0].ContainingType.Name + "." + property.InitializedProperties[0].Name;
                case IArgumentOperation { Parameter: { ContainingSymbol: IMethodSymbol method } parameter }
                    when ProtocolType(parameter.OriginalDefinition.Type) is not null:
                    return method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.ContainingType.Name + "." + method.Name;
                default:
                    return null;
            }
        }

        /// <summary>A named property, field or variable; null for an indexer (a lookup table's entry).</summary>
        private static string? Target(IOperation target) => target.WithoutConversions() switch
        {
            IPropertyReferenceOperation { Property.IsIndexer: false } property => property.Property.ContainingType.Name + "." + property.Property.Name,
            IFieldReferenceOperation field => field.Field.ContainingType.Name + "." + field.Field.Name,
            ILocalReferenceOperation local => local.Local.Name,
            IParameterReferenceOperation parameter => parameter.Parameter.Name,
            _ => null,
        };

        /// <summary>
        /// Remove a <c>|=</c> statement that only adds obsolete flags (the protocols already enabled stay as they were);
        /// otherwise drop the obsolete flags and, when nothing is left, let the operating system choose.
        /// </summary>
        private static string? Fix(IOperation top, bool onlyObsolete, INamedTypeSymbol type)
        {
            if (onlyObsolete && top.Parent is ICompoundAssignmentOperation compound)
            {
                return compound.Parent?.Syntax is ExpressionStatementSyntax { Parent: BlockSyntax or SwitchSectionSyntax or GlobalStatementSyntax } ? RemoveStatement : null;
            }

            return type.Name == "SslProtocols" ? "System.Security.Authentication.SslProtocols.None" : "System.Net.SecurityProtocolType.SystemDefault";
        }
    }
}
