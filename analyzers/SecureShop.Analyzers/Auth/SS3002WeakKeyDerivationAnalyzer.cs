using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3002: password-based key derivation set too weak: PBKDF2 (<c>Rfc2898DeriveBytes</c>, <c>Rfc2898DeriveBytes.Pbkdf2</c>,
    /// <c>KeyDerivation.Pbkdf2</c>) with the SHA-1 PRF (also the constructors' default) or fewer iterations than OWASP's
    /// current figures (600,000 for SHA-256, 210,000 for SHA-512); bcrypt with a work factor below 10; Identity's
    /// <c>PasswordHasherOptions</c> switched to the V2 format or below 100,000 iterations. Identity's defaults are clean.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3002WeakKeyDerivationAnalyzer : DiagnosticAnalyzer
    {
        private const int MinimumBcryptCost = 10;
        private const int MinimumIdentityIterations = 100_000;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3002WeakKeyDerivation);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterOperationAction(AnalyzeCreation, OperationKind.ObjectCreation);
            context.RegisterOperationAction(AnalyzeInvocation, OperationKind.Invocation);
            context.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);
        }

        private static void AnalyzeCreation(OperationAnalysisContext context)
        {
            var creation = (IObjectCreationOperation)context.Operation;
            if (creation.Constructor?.ContainingType?.Name != "Rfc2898DeriveBytes" || !CryptoAlgorithms.IsCryptography(creation.Constructor.ContainingType))
            {
                return;
            }

            var iterations = creation.Arguments.ArgumentFor("iterations");
            var algorithm = creation.Arguments.ArgumentFor("hashAlgorithm");
            Judge(context, "Rfc2898DeriveBytes", iterations is null ? 1000 : Constant(iterations), algorithm is null ? "SHA1" : CryptoCreation.HashAlgorithmNameOf(algorithm));
        }

        private static void AnalyzeInvocation(OperationAnalysisContext context)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method.Name == "Pbkdf2" && method.ContainingType?.Name == "Rfc2898DeriveBytes" && CryptoAlgorithms.IsCryptography(method.ContainingType))
            {
                Judge(context, "Rfc2898DeriveBytes.Pbkdf2", ConstantOf(invocation.Arguments, "iterations"), CryptoCreation.HashAlgorithmNameOf(invocation.Arguments.ArgumentFor("hashAlgorithm")));
            }
            else if (method.Name == "Pbkdf2" && method.ContainingType?.Name == "KeyDerivation")
            {
                var prf = invocation.Arguments.ArgumentFor("prf");
                string? algorithm = prf?.ConstantValue.Value switch
                {
                    0 => "SHA1",
                    1 => "SHA256",
                    2 => "SHA512",
                    _ => null,
                };
                Judge(context, "KeyDerivation.Pbkdf2", ConstantOf(invocation.Arguments, "iterationCount"), algorithm);
            }
            else if (method.ContainingType?.Name == "BCrypt" && method.ContainingNamespace?.ToDisplayString() == "BCrypt.Net" &&
                     method.Name is "HashPassword" or "EnhancedHashPassword" or "GenerateSalt" or "HashString")
            {
                var cost = ConstantOf(invocation.Arguments, "workFactor");
                if (cost is int workFactor && workFactor < MinimumBcryptCost)
                {
                    Report(context, "BCrypt." + method.Name, $"work factor {workFactor} (at least {MinimumBcryptCost})");
                }
            }
        }

        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { ContainingType.Name: "PasswordHasherOptions" } property } ||
                !assignment.Value.ConstantValue.HasValue)
            {
                return;
            }

            if (property.Name == "IterationCount" && assignment.Value.ConstantValue.Value is int iterations && iterations < MinimumIdentityIterations)
            {
                Report(context, "PasswordHasherOptions.IterationCount", Count(iterations) + " iterations (at least " + Count(MinimumIdentityIterations) + ")");
            }
            else if (property.Name == "CompatibilityMode" && assignment.Value.ConstantValue.Value is int mode && mode == 0)
            {
                Report(context, "PasswordHasherOptions.CompatibilityMode", "IdentityV2 (PBKDF2 with SHA-1 and 1,000 iterations)");
            }
        }

        private static void Judge(OperationAnalysisContext context, string api, int? iterations, string? algorithm)
        {
            if (algorithm == "SHA1" || algorithm == "MD5")
            {
                Report(context, api, algorithm + " as the PRF (use SHA-256 or SHA-512)");
                return;
            }

            int? minimum = algorithm switch
            {
                "SHA256" => 600_000,
                "SHA384" => 600_000,
                "SHA512" => 210_000,
                _ => null,
            };
            if (iterations is int count && minimum is int required && count < required)
            {
                Report(context, api, Count(count) + " iterations of " + algorithm + " (at least " + Count(required) + ")");
            }
        }

        private static void Report(OperationAnalysisContext context, string api, string problem) =>
            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS3002WeakKeyDerivation, context.Operation.Syntax.GetLocation(), api, problem));

        private static string Count(int value) => value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

        private static int? ConstantOf(ImmutableArray<IArgumentOperation> arguments, string name) => Constant(arguments.ArgumentFor(name));

        private static int? Constant(IOperation? value) => value?.ConstantValue.Value is int i ? i : null;
    }
}
