using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
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
    /// when it is a lambda, anonymous method, method or local function whose every <c>return</c> is true (<c>=&gt; true</c>,
    /// <c>errors == SslPolicyErrors.None || true</c>), whatever it logs on the way. Method groups are followed to the
    /// method's body in any file of the compilation. <c>HttpClientHandler.DangerousAcceptAnyServerCertificateValidator</c>
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
                var policyErrors = start.Compilation.GetTypeByMetadataName("System.Net.Security.SslPolicyErrors");
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

            string? callback;
            SyntaxNode? body;
            switch (creation.Target)
            {
                case IAnonymousFunctionOperation { Syntax: AnonymousFunctionExpressionSyntax function }:
                    callback = function is AnonymousMethodExpressionSyntax ? "an anonymous method" : "a lambda";
                    body = (SyntaxNode?)function.ExpressionBody ?? function.Block;
                    break;
                case IMethodReferenceOperation { Method: var method }:
                    callback = method.Name;
                    body = Body(method, context);
                    break;
                default:
                    return;
            }

            var sink = Sink(creation);
            if (body is null || sink.ServerSide || !AlwaysAccepts(body, creation.SemanticModel) || DevelopmentOnly.Contains(creation))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(
                Descriptors.SS2007CertificateValidationDisabled,
                creation.Syntax.GetLocation(),
                $"{callback}{(sink.Name is null ? "" : " given to " + sink.Name)} returns true for every certificate"));
        }

        /// <summary>The body of a method or local function declared in source: its expression body or block.</summary>
        private static SyntaxNode? Body(IMethodSymbol method, OperationAnalysisContext context)
        {
            foreach (var reference in method.OriginalDefinition.DeclaringSyntaxReferences)
            {
                switch (reference.GetSyntax(context.CancellationToken))
                {
                    case MethodDeclarationSyntax declaration:
                        return (SyntaxNode?)declaration.ExpressionBody?.Expression ?? declaration.Body;
                    case LocalFunctionStatementSyntax local:
                        return (SyntaxNode?)local.ExpressionBody?.Expression ?? local.Body;
                }
            }

            return null;
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

        /// <summary>Every <c>return</c> of the body (not of functions nested in it) gives true, and there is at least one.</summary>
        private static bool AlwaysAccepts(SyntaxNode body, SemanticModel? model)
        {
            if (body is ExpressionSyntax expression)
            {
                return Is(expression, true, model);
            }

            bool any = false;
            foreach (var node in body.DescendantNodes(n => n == body || n is not (AnonymousFunctionExpressionSyntax or LocalFunctionStatementSyntax)))
            {
                if (node is ReturnStatementSyntax returned)
                {
                    if (returned.Expression is null || !Is(returned.Expression, true, model))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        /// <summary>
        /// The expression is the constant <paramref name="value"/>: a literal, a constant the compiler folds, or
        /// <c>||</c>/<c>&amp;&amp;</c>/<c>!</c>/<c>?:</c> that settle it whatever their other operand (<c>errors == None || true</c>).
        /// </summary>
        private static bool Is(ExpressionSyntax expression, bool value, SemanticModel? model)
        {
            while (expression is ParenthesizedExpressionSyntax parenthesized)
            {
                expression = parenthesized.Expression;
            }

            switch (expression)
            {
                case LiteralExpressionSyntax literal:
                    return literal.IsKind(value ? SyntaxKind.TrueLiteralExpression : SyntaxKind.FalseLiteralExpression);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalOrExpression) || binary.IsKind(SyntaxKind.BitwiseOrExpression):
                    return value
                        ? Is(binary.Left, true, model) || Is(binary.Right, true, model)
                        : Is(binary.Left, false, model) && Is(binary.Right, false, model);
                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.LogicalAndExpression) || binary.IsKind(SyntaxKind.BitwiseAndExpression):
                    return value
                        ? Is(binary.Left, true, model) && Is(binary.Right, true, model)
                        : Is(binary.Left, false, model) || Is(binary.Right, false, model);
                case PrefixUnaryExpressionSyntax unary when unary.IsKind(SyntaxKind.LogicalNotExpression):
                    return Is(unary.Operand, !value, model);
                case ConditionalExpressionSyntax conditional:
                    return Is(conditional.WhenTrue, value, model) && Is(conditional.WhenFalse, value, model);
                default:
                    return model is not null && model.SyntaxTree == expression.SyntaxTree &&
                        model.GetConstantValue(expression) is { HasValue: true, Value: bool constant } && constant == value;
            }
        }
    }
}
