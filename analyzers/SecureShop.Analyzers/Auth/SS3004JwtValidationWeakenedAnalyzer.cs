using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3004: a <c>TokenValidationParameters</c> check switched off (<c>ValidateIssuerSigningKey</c>,
    /// <c>ValidateLifetime</c>, <c>ValidateIssuer</c>, <c>ValidateAudience</c>, <c>RequireSignedTokens</c>,
    /// <c>RequireExpirationTime</c> = a constant false, by literal, constant or object initializer), a
    /// <c>SignatureValidator</c> that hands back a token it built itself without validating it, and
    /// <c>JwtBearerOptions.RequireHttpsMetadata = false</c> (the same flag on other options types, such as
    /// <c>OpenIdConnectOptions</c>, is SS2010's). Assignments inside <c>if (env.IsDevelopment())</c> are left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3004JwtValidationWeakenedAnalyzer : DiagnosticAnalyzer
    {
        private static readonly ImmutableHashSet<string> s_validationFlags = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "ValidateIssuerSigningKey", "ValidateLifetime", "ValidateIssuer", "ValidateAudience", "RequireSignedTokens", "RequireExpirationTime");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3004JwtValidationWeakened);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var parameters = KnownTypes.Get(start.Compilation, "Microsoft.IdentityModel.Tokens.TokenValidationParameters");
                var securityToken = KnownTypes.Get(start.Compilation, "Microsoft.IdentityModel.Tokens.SecurityToken");
                if (parameters is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, parameters, securityToken), OperationKind.SimpleAssignment);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol parameters, INamedTypeSymbol? securityToken)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: var property })
            {
                return;
            }

            string name = property.Name;
            bool isFlag = s_validationFlags.Contains(name) && SymbolEqualityComparer.Default.Equals(property.ContainingType, parameters);
            bool isHttpsMetadata = name == "RequireHttpsMetadata" && property.ContainingType?.Name == "JwtBearerOptions";
            if (isFlag || isHttpsMetadata)
            {
                if (assignment.Value.ConstantValue.HasValue && assignment.Value.ConstantValue.Value is false && !DevelopmentOnly.Contains(assignment))
                {
                    context.ReportDiagnostic(Diagnostic.Create(
                        Descriptors.SS3004JwtValidationWeakened, assignment.Syntax.GetLocation(), property.ContainingType!.Name + "." + name + " = false"));
                }

                return;
            }

            if (name == "SignatureValidator" && securityToken is not null &&
                SymbolEqualityComparer.Default.Equals(property.ContainingType, parameters) &&
                ReturnsUnvalidatedToken(assignment.Value.WithoutConversions(), securityToken))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SS3004JwtValidationWeakened, assignment.Syntax.GetLocation(), "SignatureValidator returns the token without validating its signature"));
            }
        }

        /// <summary>A validator lambda that returns <c>new JsonWebToken(token)</c>/<c>new JwtSecurityToken(token)</c>: a token parsed, never verified.</summary>
        private static bool ReturnsUnvalidatedToken(IOperation value, INamedTypeSymbol securityToken)
        {
            var lambda = value switch
            {
                IDelegateCreationOperation { Target: IAnonymousFunctionOperation target } => target,
                IAnonymousFunctionOperation direct => direct,
                _ => null,
            };
            if (lambda is null)
            {
                return false;
            }

            foreach (var operation in lambda.Body.Descendants())
            {
                if (operation is IReturnOperation { ReturnedValue: { } returned } &&
                    returned.WithoutConversions() is IObjectCreationOperation { Type: { } created } &&
                    created.InheritsFrom(securityToken))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
