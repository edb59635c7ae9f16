using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3003: credentials in source code. Any string literal holding a well-known key format (Stripe <c>sk_live_</c>,
    /// <c>rk_live_</c>, <c>whsec_</c>, AWS <c>AKIA...</c>, PEM private keys, ...) or a connection string with
    /// <c>Password=</c>/<c>Pwd=</c>; and a non-empty literal given to a secret-shaped name (field, property, local,
    /// assignment, argument). Placeholders, setting names and configuration look-ups are clean. Messages mask the value.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3003HardcodedSecretAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>Secret-shaped names that are about a value, not the value: "PasswordMessage", "TokenEndpoint".</summary>
        private static readonly ImmutableHashSet<string> s_notAValue = ImmutableHashSet.Create(
            StringComparer.OrdinalIgnoreCase,
            "message", "error", "text", "description", "prompt", "placeholder", "title", "endpoint", "audience", "issuer", "claim",
            "cookie", "parameter", "param", "query", "route", "column", "property", "pattern", "regex", "template", "view", "page", "action");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3003HardcodedSecret);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterOperationAction(AnalyzeLiteral, OperationKind.Literal);
            context.RegisterOperationAction(
                c => AnalyzeNamed(c, ((IFieldInitializerOperation)c.Operation).InitializedFields.IsEmpty ? null : ((IFieldInitializerOperation)c.Operation).InitializedFields[0], ((IFieldInitializerOperation)c.Operation).Value),
                OperationKind.FieldInitializer);
            context.RegisterOperationAction(
                c => AnalyzeNamed(c, ((IPropertyInitializerOperation)c.Operation).InitializedProperties.IsEmpty ? null : ((IPropertyInitializerOperation)c.Operation).InitializedProperties[0], ((IPropertyInitializerOperation)c.Operation).Value),
                OperationKind.PropertyInitializer);
            context.RegisterOperationAction(
                c => { var d = (IVariableDeclaratorOperation)c.Operation; if (d.Initializer is not null) AnalyzeNamed(c, d.Symbol, d.Initializer.Value); },
                OperationKind.VariableDeclarator);
            context.RegisterOperationAction(
                c => { var a = (ISimpleAssignmentOperation)c.Operation; AnalyzeNamed(c, TargetSymbol(a.Target), a.Value); },
                OperationKind.SimpleAssignment);
            context.RegisterOperationAction(
                c => { var a = (IArgumentOperation)c.Operation; if (a.ArgumentKind == ArgumentKind.Explicit) AnalyzeNamed(c, a.Parameter, a.Value); },
                OperationKind.Argument);
        }

        private static ISymbol? TargetSymbol(IOperation target) => target switch
        {
            IPropertyReferenceOperation property => property.Property,
            IFieldReferenceOperation field => field.Field,
            ILocalReferenceOperation local => local.Local,
            _ => null,
        };

        private static void AnalyzeLiteral(OperationAnalysisContext context)
        {
            if (context.Operation.ConstantValue.Value is not string text || text.Length < 8)
            {
                return;
            }

            var key = SecretText.KnownKey(text);
            if (key is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS3003HardcodedSecret, context.Operation.Syntax.GetLocation(), "key", "a string literal", Mask.Secret(key)));
                return;
            }

            if (SecretText.ConnectionStringPassword(text) is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS3003HardcodedSecret, context.Operation.Syntax.GetLocation(), "connection-string password", "a string literal", "Password=****"));
            }
        }

        private static void AnalyzeNamed(OperationAnalysisContext context, ISymbol? symbol, IOperation value)
        {
            if (symbol is null || symbol.Name.Length == 0)
            {
                return;
            }

            value = value.WithoutConversions();
            if (value is not ILiteralOperation || value.ConstantValue.Value is not string text)
            {
                return;
            }

            if (text.Length < 4 || text.IndexOf(' ') >= 0 || SecretText.IsPlaceholder(text) ||
                SecretText.KnownKey(text) is not null || SecretText.ConnectionStringPassword(text) is not null ||
                !SecretNames.IsSecretName(symbol.Name) || IsDerivedName(symbol.Name))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3003HardcodedSecret, value.Syntax.GetLocation(), "credential", "'" + symbol.Name + "'", Mask.Secret(text)));
        }

        /// <summary>Hashes, signatures, digests and nonces are derived values, not credentials; names that describe a value are not one either.</summary>
        private static bool IsDerivedName(string name)
        {
            var words = NameWords.Split(name);
            foreach (var word in words)
            {
                if (word is "hash" or "hmac" or "signature" or "digest" or "mac" or "nonce" or "otp" || s_notAValue.Contains(word))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
