using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Crypto
{
    /// <summary>
    /// SS2010: HTTPS not enforced. (1) An ASP.NET Core application (<c>WebApplicationBuilder.Build()</c>,
    /// <c>WebApplication.Create()</c>, or a <c>Startup.Configure(IApplicationBuilder ...)</c>) whose compilation never redirects
    /// HTTP to HTTPS (<c>UseHttpsRedirection</c>, <c>AddRedirectToHttps*</c>, a global <c>RequireHttpsAttribute</c>) or never
    /// sends HSTS (<c>UseHsts</c>) outside development-only code; reported once per application, at <c>Build()</c>.
    /// What the compilation configures is computed once by <see cref="AppSecurityConfiguration"/>, so middleware registered in
    /// an extension method of the same project counts. Only executables are judged: a library cannot know the host's pipeline;
    /// and only when the executable's pipeline is in sight (<see cref="HttpPipeline"/>): it adds middleware or endpoints, and
    /// the app or builder is not handed to a method of another project of the solution.
    /// (2) <c>RequireHttpsMetadata = false</c> on any options type but <c>JwtBearerOptions</c> (SS3004 owns that one):
    /// <c>OpenIdConnectOptions</c> and its derivatives, IdentityServer's options, and IdentityModel's
    /// <c>DiscoveryPolicy.RequireHttps = false</c>. Test projects are not judged.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS2010HttpsNotEnforcedAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS2010HttpsNotEnforced);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var compilation = start.Compilation;
                if (TestCode.IsTestProject(compilation, start.Options))
                {
                    return;
                }

                start.RegisterOperationAction(AnalyzeAssignment, OperationKind.SimpleAssignment);

                var configuration = AppSecurityConfiguration.For(compilation);
                var webApplicationBuilder = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.WebApplicationBuilder");
                var webApplication = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.WebApplication");
                var applicationBuilder = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.IApplicationBuilder");
                if (configuration is null || applicationBuilder is null ||
                    compilation.Options.OutputKind is OutputKind.DynamicallyLinkedLibrary or OutputKind.NetModule or OutputKind.WindowsRuntimeMetadata)
                {
                    return;
                }

                var pipeline = new System.Lazy<HttpPipeline>(() => HttpPipeline.Of(compilation), System.Threading.LazyThreadSafetyMode.ExecutionAndPublication);
                start.RegisterOperationAction(
                    c =>
                    {
                        var method = ((IInvocationOperation)c.Operation).TargetMethod;
                        if ((method.Name == "Build" && Is(method.ContainingType, webApplicationBuilder)) ||
                            (method.Name == "Create" && Is(method.ContainingType, webApplication)))
                        {
                            Judge(configuration, pipeline, c.Operation.Syntax.GetLocation(), c.ReportDiagnostic);
                        }
                    },
                    OperationKind.Invocation);
                start.RegisterSymbolAction(
                    c =>
                    {
                        if (IsStartupConfigure((IMethodSymbol)c.Symbol, applicationBuilder))
                        {
                            Judge(configuration, pipeline, c.Symbol.Locations[0], c.ReportDiagnostic);
                        }
                    },
                    SymbolKind.Method);
            });
        }

        /// <summary>
        /// Reports what is missing, unless the pipeline is out of sight (<see cref="HttpPipeline"/>): handed to another project
        /// of the solution, which may well add HTTPS redirection and HSTS, or never given any middleware or endpoint at all
        /// (a worker that builds a web host for its services only).
        /// </summary>
        private static void Judge(AppSecurityConfiguration configuration, System.Lazy<HttpPipeline> pipeline, Location location, System.Action<Diagnostic> report)
        {
            var missing = new List<string>();
            Describe(configuration.HttpsRedirection, "UseHttpsRedirection()", missing);
            // HSTS is for browsers: a web API that redirects to HTTPS and serves no pages is not asked for it.
            if (configuration.HttpsRedirection != ConfiguredWhere.Everywhere || pipeline.Value.ServesBrowserUi)
            {
                Describe(configuration.Hsts, "UseHsts()", missing);
            }
            if (missing.Count > 0 && pipeline.Value.ServesRequests && !pipeline.Value.EscapesToReferencedProject)
            {
                report(Diagnostic.Create(Descriptors.SS2010HttpsNotEnforced, location, "the application " + string.Join(" and ", missing)));
            }
        }

        private static void Describe(ConfiguredWhere where, string call, List<string> missing)
        {
            if (where == ConfiguredWhere.Nowhere)
            {
                missing.Add("never calls " + call);
            }
            else if (where == ConfiguredWhere.DevelopmentOnly)
            {
                missing.Add("calls " + call + " only in development");
            }
        }

        /// <summary>The convention-based <c>Startup.Configure(IApplicationBuilder app, ...)</c> of a class that derives from nothing else.</summary>
        private static bool IsStartupConfigure(IMethodSymbol method, INamedTypeSymbol applicationBuilder) =>
            method.Name == "Configure" &&
            method.MethodKind == MethodKind.Ordinary &&
            !method.IsExtensionMethod &&
            method.Parameters.Length > 0 &&
            Is(method.Parameters[0].Type, applicationBuilder) &&
            method.ContainingType is { TypeKind: TypeKind.Class, BaseType.SpecialType: SpecialType.System_Object };

        /// <summary>
        /// <c>RequireHttpsMetadata = false</c> on any options type but <c>JwtBearerOptions</c> (SS3004's), and IdentityModel's
        /// <c>DiscoveryPolicy.RequireHttps = false</c>: the authority's metadata and signing keys may then come over plain HTTP.
        /// </summary>
        private static void AnalyzeAssignment(OperationAnalysisContext context)
        {
            var assignment = (ISimpleAssignmentOperation)context.Operation;
            if (assignment.Target is not IPropertyReferenceOperation { Property: { Type.SpecialType: SpecialType.System_Boolean } property } target)
            {
                return;
            }

            bool metadata = property.Name == "RequireHttpsMetadata" && property.ContainingType.Name != "JwtBearerOptions";
            bool discovery = property.Name == "RequireHttps" && property.ContainingType.Name == "DiscoveryPolicy";
            if ((metadata || discovery) &&
                assignment.Value.ConstantValue is { HasValue: true, Value: false } &&
                !DevelopmentOnly.Contains(assignment))
            {
                string owner = target.Instance?.Type?.Name is { Length: > 0 } receiver ? receiver : property.ContainingType.Name;
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS2010HttpsNotEnforced, assignment.Syntax.GetLocation(), owner + "." + property.Name + " = false"));
            }
        }

        private static bool Is(ITypeSymbol? type, INamedTypeSymbol? expected) =>
            expected is not null && SymbolEqualityComparer.Default.Equals(type, expected);
    }
}
