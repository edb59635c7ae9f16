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
    /// password-named string property on an EF Core entity, which stores it as typed, unless every value assigned to it is a
    /// password hasher's output. A password the shop sends to another service (<see cref="OutboundCredential"/>: an SMTP or
    /// FTP account) gets other advice, encrypt it or use a secret store, and is clean when only ever assigned encrypted values.
    /// ASP.NET Core Identity's <c>PasswordHasher</c> is not touched by either.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3001PasswordStoredInsecurelyAnalyzer : DiagnosticAnalyzer
    {
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
            var password = PasswordHashing.PasswordHashedBy(invocation);
            if (password is not null)
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SS3001PasswordStoredInsecurely,
                    invocation.Syntax.GetLocation(),
                    password,
                    "hashed with " + invocation.TargetMethod.ContainingType.Name + ", a fast hash; use ASP.NET Core Identity's PasswordHasher, PBKDF2 with 600,000 iterations, bcrypt or Argon2"));
            }
        }

        private static void AnalyzeProperty(SymbolAnalysisContext context, EntityModel entities)
        {
            var property = (IPropertySymbol)context.Symbol;
            if (property.Type.SpecialType != SpecialType.System_String || !(PasswordNames.IsPasswordName(property.Name) || PasswordRole.IsMarkedPassword(property)) ||
                property.Locations.IsDefaultOrEmpty || entities.EntityOf(property) is not INamedTypeSymbol entity || entities.HasConverter(property))
            {
                return;
            }

            bool outbound = OutboundCredential.IsSentToAnotherService(property, context.Compilation, context.CancellationToken);
            if (entities.OnlyAssignedProtectedPasswords(property, value => PasswordHashing.IsProtectedPassword(value, outbound)))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS3001PasswordStoredInsecurely,
                property.Locations[0],
                entity.Name + "." + property.Name,
                outbound
                    ? "stored as plain text in the database; it is a credential for another service, so it cannot be hashed: encrypt it (Data Protection) or keep it in a secret store"
                    : "stored as plain text in the database; store only a PasswordHasher hash"));
        }
    }
}
