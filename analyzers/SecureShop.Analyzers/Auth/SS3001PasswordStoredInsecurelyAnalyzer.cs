using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3001: a password hashed with a fast, unsalted hash (MD5, SHA-1, SHA-2 family, HMAC over it) — by
    /// <c>HashData</c> or <c>ComputeHash</c>, directly or through <c>Encoding.GetBytes</c>/concatenation — and a
    /// password-named string property on an EF Core entity, which stores it as typed.
    /// ASP.NET Core Identity's <c>PasswordHasher</c> is not touched by either.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3001PasswordStoredInsecurelyAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> s_fastHashes = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "MD5", "SHA1", "SHA256", "SHA384", "SHA512", "SHA3_256", "SHA3_384", "SHA3_512", "HashAlgorithm",
            "HMACMD5", "HMACSHA1", "HMACSHA256", "HMACSHA384", "HMACSHA512", "HMAC", "KeyedHashAlgorithm");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3001PasswordStoredInsecurely);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterOperationAction(AnalyzeHash, OperationKind.Invocation);
                var entities = EntityModel.For(start.Compilation);
                if (entities is not null)
                {
                    start.RegisterSymbolAction(c => AnalyzeProperty(c, entities), SymbolKind.Property);
                }
            });
        }

        private static void AnalyzeHash(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if ((method.Name != "HashData" && method.Name != "ComputeHash" && method.Name != "TryHashData") ||
                method.ContainingType is null || !s_fastHashes.Contains(method.ContainingType.Name) ||
                method.ContainingNamespace?.ToDisplayString() != "System.Security.Cryptography")
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Name is "key" or "destination" or "offset" or "count")
                {
                    continue;
                }

                var password = PasswordIn(argument.Value, depth: 0);
                if (password is not null)
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SS3001PasswordStoredInsecurely,
                        invocation.Syntax.GetLocation(),
                        password,
                        "hashed with " + method.ContainingType.Name + ", a fast hash; use ASP.NET Core Identity's PasswordHasher, PBKDF2 with 600,000 iterations, bcrypt or Argon2"));
                    return;
                }
            }
        }

        /// <summary>The password-named value <paramref name="value"/> is made from, through GetBytes, concatenation and interpolation.</summary>
        private static string? PasswordIn(IOperation value, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            value = value.WithoutConversions();
            string? name = value switch
            {
                IParameterReferenceOperation p => p.Parameter.Name,
                ILocalReferenceOperation l => l.Local.Name,
                IPropertyReferenceOperation { Property.IsIndexer: false } pr => pr.Property.Name,
                IFieldReferenceOperation f => f.Field.Name,
                _ => null,
            };
            if (name is not null)
            {
                return PasswordNames.IsPasswordName(name) ? name : null;
            }

            switch (value)
            {
                case IInvocationOperation call:
                    foreach (var argument in call.Arguments)
                    {
                        var found = PasswordIn(argument.Value, depth + 1);
                        if (found is not null)
                        {
                            return found;
                        }
                    }

                    return call.Instance is null ? null : PasswordIn(call.Instance, depth + 1);
                case IBinaryOperation binary:
                    return PasswordIn(binary.LeftOperand, depth + 1) ?? PasswordIn(binary.RightOperand, depth + 1);
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolationOperation hole && PasswordIn(hole.Expression, depth + 1) is string inner)
                        {
                            return inner;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        private static void AnalyzeProperty(SymbolAnalysisContext context, EntityModel entities)
        {
            var property = (IPropertySymbol)context.Symbol;
            if (property.Type.SpecialType != SpecialType.System_String || !PasswordNames.IsPasswordName(property.Name) ||
                property.Locations.IsDefaultOrEmpty || entities.EntityOf(property) is not INamedTypeSymbol entity || entities.HasConverter(property))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3001PasswordStoredInsecurely,
                property.Locations[0],
                entity.Name + "." + property.Name,
                "stored as plain text in the database; store only a PasswordHasher hash"));
        }
    }
}
