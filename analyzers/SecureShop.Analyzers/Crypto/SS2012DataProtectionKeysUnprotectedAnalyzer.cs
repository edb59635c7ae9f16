using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2012: the data-protection key ring persisted to an explicit store (<c>PersistKeysToFileSystem</c>, <c>PersistKeysToDbContext</c>,
    /// <c>PersistKeysToStackExchangeRedis</c>, <c>PersistKeysToAzureBlobStorage</c>, <c>PersistKeysToRegistry</c>) with no key encryption
    /// at rest: no <c>ProtectKeysWith*</c> call in the same fluent chain, on the same builder variable or service collection in the
    /// same member, and no <c>KeyManagementOptions.XmlEncryptor</c> anywhere in the compilation. An explicit store removes the
    /// default DPAPI protection, so the XML key files hold the keys in clear. Builders handed to or returned from the member
    /// count as protected when the compilation calls <c>ProtectKeysWith*</c> anywhere. Development-only branches are left alone.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2012DataProtectionKeysUnprotectedAnalyzer : DiagnosticAnalyzer
    {
        private const string ProtectPrefix = "ProtectKeysWith";

        private static readonly ImmutableHashSet<string> s_persistMethods = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "PersistKeysToFileSystem", "PersistKeysToDbContext", "PersistKeysToStackExchangeRedis", "PersistKeysToAzureBlobStorage", "PersistKeysToRegistry");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS2012DataProtectionKeysUnprotected);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var builder = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.DataProtection.IDataProtectionBuilder");
                if (builder is null)
                {
                    return;
                }

                var configuration = new KeyProtectionConfiguration(start.Compilation);
                start.RegisterOperationAction(c => Analyze(c, builder, configuration), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol builder, KeyProtectionConfiguration configuration)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (!s_persistMethods.Contains(method.Name) || !method.IsExtensionMethod || method.Parameters.IsEmpty ||
                !SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, builder) ||
                DevelopmentOnly.Contains(invocation) || ChainProtects(invocation, out var outermost, out var root))
            {
                return;
            }

            bool escapes = (root is IParameterReferenceOperation parameter && SymbolEqualityComparer.Default.Equals(parameter.Type, builder)) || Escapes(outermost);
            var names = BuilderNames(outermost, root);
            if (ProtectedInMember(invocation, names, ref escapes) || configuration.XmlEncryptorConfigured || (escapes && configuration.ProtectsKeysAnywhere))
            {
                return;
            }

            context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS2012DataProtectionKeysUnprotected, invocation.Syntax.GetLocation(), method.Name));
        }

        /// <summary>
        /// True when the fluent chain the call is in has a <c>ProtectKeysWith*</c> call, before or after it. Gives the outermost
        /// call of the chain and the expression the chain starts from (<c>services</c> in <c>services.AddDataProtection()...</c>).
        /// </summary>
        private static bool ChainProtects(IInvocationOperation persist, out IOperation outermost, out IOperation? root)
        {
            bool protects = false;
            var current = CreatedObject.AsConsumed(persist);
            while (current.Parent is IArgumentOperation { Parent: IInvocationOperation next } argument && next.TargetMethod.IsExtensionMethod &&
                   next.Arguments.Length > 0 && next.Arguments[0] == argument)
            {
                protects |= next.TargetMethod.Name.StartsWith(ProtectPrefix, StringComparison.Ordinal);
                current = CreatedObject.AsConsumed(next);
            }

            outermost = current;
            root = persist;
            while (root is IInvocationOperation inner)
            {
                protects |= inner.TargetMethod.Name.StartsWith(ProtectPrefix, StringComparison.Ordinal);
                root = inner.TargetMethod.IsExtensionMethod && inner.Arguments.Length > 0 ? inner.Arguments[0].Value.WithoutConversions() : inner.Instance?.WithoutConversions();
            }

            return protects;
        }

        /// <summary>
        /// The names the same builder goes by in the member: the variable the chain starts from or is stored in, and the service
        /// collection it was made from (<c>builder.Services</c> in <c>builder.Services.AddDataProtection()</c>).
        /// </summary>
        private static HashSet<string> BuilderNames(IOperation outermost, IOperation? root)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (root is not null)
            {
                names.Add(root.Syntax.ToString());
            }

            switch (outermost.Parent)
            {
                case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                    names.Add(declarator.Symbol.Name);
                    break;
                case ISimpleAssignmentOperation { Target: ILocalReferenceOperation or IParameterReferenceOperation or IFieldReferenceOperation } assignment:
                    names.Add(assignment.Target.Syntax.ToString());
                    break;
            }

            return names;
        }

        /// <summary>The chain's builder leaves the member: returned, or given to a field, a property or another call.</summary>
        private static bool Escapes(IOperation outermost) => outermost.Parent switch
        {
            IReturnOperation => true,
            IArgumentOperation => true,
            ISimpleAssignmentOperation { Target: IFieldReferenceOperation or IPropertyReferenceOperation } => true,
            _ => false,
        };

        /// <summary>
        /// A <c>ProtectKeysWith*</c> call in the same member on one of the builder's names, or on <c>name.AddDataProtection()</c>;
        /// a builder variable that is returned escapes.
        /// </summary>
        private static bool ProtectedInMember(IOperation persist, HashSet<string> names, ref bool escapes)
        {
            foreach (var node in CipherCode.MemberScope(persist.Syntax).DescendantNodes())
            {
                switch (node)
                {
                    case InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member } call
                        when member.Name.Identifier.ValueText.StartsWith(ProtectPrefix, StringComparison.Ordinal):
                        if (ChainStartsWith(call, names))
                        {
                            return true;
                        }

                        break;
                    case ReturnStatementSyntax { Expression: { } returned } when names.Contains(returned.ToString()):
                    case ArrowExpressionClauseSyntax { Expression: { } arrow } when names.Contains(arrow.ToString()):
                        escapes = true;
                        break;
                }
            }

            return false;
        }

        /// <summary><c>dp.X().ProtectKeysWith...()</c> or <c>services.AddDataProtection().ProtectKeysWith...()</c> for a name in <paramref name="names"/>.</summary>
        private static bool ChainStartsWith(InvocationExpressionSyntax call, HashSet<string> names)
        {
            ExpressionSyntax current = call;
            while (current is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax member })
            {
                current = member.Expression;
                if (names.Contains(current.ToString()))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
