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
    /// SS2007: a certificate-validation callback that accepts every server certificate. Any delegate that takes
    /// <c>SslPolicyErrors</c> and returns bool counts (<c>HttpClientHandler.ServerCertificateCustomValidationCallback</c>,
    /// <c>ServicePointManager.ServerCertificateValidationCallback</c>, <c>SslClientAuthenticationOptions.RemoteCertificateValidationCallback</c>,
    /// <c>new SslStream(inner, leaveOpen, callback)</c>, <c>new RemoteCertificateValidationCallback(Method)</c>, a MailKit client...)
    /// when it returns true on every path, whatever it logs on the way (<see cref="AlwaysTrue"/>: lambdas, anonymous
    /// methods, methods and local functions in any file, <c>errors == SslPolicyErrors.None || true</c>). <c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c>
    /// is reported wherever it is used. Code under <c>env.IsDevelopment()</c> and server-side client-certificate checks
    /// (Kestrel's <c>ClientCertificateValidation</c>, <c>SslServerAuthenticationOptions</c>) are left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2007CertificateValidationDisabledAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS2007CertificateValidationDisabled);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var policyErrors = KnownTypes.Get(start.Compilation, "System.Net.Security.SslPolicyErrors");
                if (policyErrors is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => AnalyzeCallback(c, policyErrors), OperationKind.DelegateCreation);
                start.RegisterOperationAction(AnalyzeAcceptAnyValidator, OperationKind.PropertyReference);
            });
        }

        private static void AnalyzeAcceptAnyValidator(OperationAnalysisContext context)
        {
            var reference = (IPropertyReferenceOperation)context.Operation;
            if (reference.Property.Name == "DangerousAcceptAnyServerCertificateValidator" &&
                reference.Property.ContainingType?.Name == "HttpClientHandler" &&
                !DevelopmentOnly.Contains(reference))
            {
                context.ReportDiagnostic(Diagnostic.Create(
                    Descriptors.SS2007CertificateValidationDisabled,
                    reference.Syntax.GetLocation(),
                    "HttpClientHandler.DangerousAcceptAnyServerCertificateValidator accepts every certificate"));
            }
        }

        private static void AnalyzeCallback(OperationAnalysisContext context, INamedTypeSymbol policyErrors)
        {
            var creation = (IDelegateCreationOperation)context.Operation;
            if (creation.Type is not INamedTypeSymbol { DelegateInvokeMethod: { ReturnType.SpecialType: SpecialType.System_Boolean } invoke } ||
                !invoke.Parameters.Any(p => SymbolEqualityComparer.Default.Equals(p.Type, policyErrors)))
            {
                return;
            }

            string? callback = creation.Target switch
            {
                IAnonymousFunctionOperation { Syntax: AnonymousMethodExpressionSyntax } => "an anonymous method",
                IAnonymousFunctionOperation => "a lambda",
                IMethodReferenceOperation reference => reference.Method.Name,
                _ => null,
            };
            var sink = Sink(creation);
            if (callback is null || sink.ServerSide || !AlwaysTrue.Returns(creation, context.CancellationToken) || DevelopmentOnly.Contains(creation))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS2007CertificateValidationDisabled,
                creation.Syntax.GetLocation(),
                $"{callback}{(sink.Name is null ? "" : " given to " + sink.Name)} returns true for every certificate"));
        }

        /// <summary>Where the callback goes: a property, a parameter or a variable, and whether it checks client certificates on a server.</summary>
        private static (string? Name, bool ServerSide) Sink(IDelegateCreationOperation creation)
        {
            var value = (IOperation)creation;
            while (value.Parent is IConversionOperation or IDelegateCreationOperation)
            {
                value = value.Parent;
            }

            ISymbol? target = value.Parent switch
            {
                IAssignmentOperation assignment when assignment.Value == value => assignment.Target switch
                {
                    IPropertyReferenceOperation property => property.Property,
                    IFieldReferenceOperation field => field.Field,
                    ILocalReferenceOperation local => local.Local,
                    _ => null,
                },
                IArgumentOperation argument => argument.Parameter,
                IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator } => declarator.Symbol,
                _ => null,
            };

            return target switch
            {
                IPropertySymbol or IFieldSymbol => (target.ContainingType.Name + "." + target.Name,
                    target.ContainingType.Name is "HttpsConnectionAdapterOptions" or "SslServerAuthenticationOptions"),
                IParameterSymbol { ContainingSymbol: IMethodSymbol method } parameter => (
                    (method.MethodKind == MethodKind.Constructor ? "new " + method.ContainingType.Name : method.ContainingType.Name + "." + method.Name) + "(" + parameter.Name + ")",
                    method.Name is "AuthenticateAsServer" or "AuthenticateAsServerAsync"),
                ILocalSymbol local => (local.Name, false),
                _ => (null, false),
            };
        }
    }
}
