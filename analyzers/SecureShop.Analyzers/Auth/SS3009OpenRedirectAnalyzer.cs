using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.Auth
{
    /// <summary>
    /// SS3009: <c>Redirect</c>/<c>RedirectPermanent</c>/<c>RedirectPreserveMethod</c> (controllers and pages),
    /// <c>Results.Redirect</c>/<c>TypedResults.Redirect</c> and <c>Response.Redirect</c> to a URL that starts with
    /// request data (<see cref="RequestValue.StartOf"/>): an action, page-handler or endpoint parameter, a member of a
    /// bound model (<c>model.ReturnUrl</c>, not <c>[BindNever]</c>), a <c>[BindProperty]</c>/<c>[FromQuery]</c> property or a
    /// member of one, <c>Request.Query/Form/Headers/RouteValues</c>, or a local assigned from one. A method that checks the value with <c>IsLocalUrl</c> is clean, and so is a
    /// URL whose beginning is a constant path ("/orders/" + id).
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS3009OpenRedirectAnalyzer : DiagnosticAnalyzer
    {
        /// <summary>The local-only method the code fix switches to (absent when there is none, as for Response.Redirect).</summary>
        internal const string LocalMethodKey = "LocalMethod";

        private static readonly ImmutableDictionary<string, string> s_localEquivalents = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["Redirect"] = "LocalRedirect",
            ["RedirectPermanent"] = "LocalRedirectPermanent",
            ["RedirectPreserveMethod"] = "LocalRedirectPreserveMethod",
            ["RedirectPermanentPreserveMethod"] = "LocalRedirectPermanentPreserveMethod",
        }.ToImmutableDictionary();

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS3009OpenRedirect);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var controllerBase = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
                var pageModel = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                var httpResponse = KnownTypes.Get(start.Compilation, "Microsoft.AspNetCore.Http.HttpResponse");
                if (httpResponse is null)
                {
                    return;
                }

                var requestValue = new RequestValue(start.Compilation);
                start.RegisterOperationAction(c => Analyze(c, controllerBase, pageModel, httpResponse, requestValue), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel, INamedTypeSymbol httpResponse, RequestValue requestValue)
        {
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            string name = method.Name;
            bool isResultsRedirect = (name == "Redirect" || name == "RedirectPermanent") && method.ContainingType?.Name is "Results" or "TypedResults" &&
                method.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Http";
            bool isResponseRedirect = name == "Redirect" && SymbolEqualityComparer.Default.Equals(method.ContainingType, httpResponse);
            bool isMvcRedirect = s_localEquivalents.ContainsKey(name) &&
                (SymbolEqualityComparer.Default.Equals(method.ContainingType, controllerBase) || SymbolEqualityComparer.Default.Equals(method.ContainingType, pageModel));
            if ((!isResultsRedirect && !isResponseRedirect && !isMvcRedirect) || invocation.Arguments.Length == 0)
            {
                return;
            }

            var url = invocation.Arguments.FirstOrDefault(a => a.Parameter?.Ordinal == (method.IsExtensionMethod ? 1 : 0))?.Value;
            if (url is null)
            {
                return;
            }

            var body = invocation.Syntax.Ancestors().FirstOrDefault(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.BaseMethodDeclarationSyntax ||
                                                                        n is Microsoft.CodeAnalysis.CSharp.Syntax.LocalFunctionStatementSyntax ||
                                                                        n is Microsoft.CodeAnalysis.CSharp.Syntax.CompilationUnitSyntax);
            var root = invocation.Root();
            var source = requestValue.StartOf(url, root);
            if (source is null || ChecksIsLocalUrl(body))
            {
                return;
            }

            // A URL followed through the project's own methods carries those calls as additional locations.
            var steps = source.IndexOf(" (through '", StringComparison.Ordinal) >= 0
                ? MethodSummaries.For(context.Compilation).CallSteps(url)
                : Array.Empty<(Location, string)>();

            var properties = ImmutableDictionary<string, string?>.Empty;
            if (!isResponseRedirect && s_localEquivalents.TryGetValue(name, out var local) && (isMvcRedirect || name == "Redirect"))
            {
                properties = properties.Add(LocalMethodKey, local);
            }

            context.ReportDiagnostic(MethodSummaries.Report(
                Descriptors.SS3009OpenRedirect, invocation.Syntax.GetLocation(), steps, properties, method.ContainingType!.Name + "." + name, source));
        }

        private static bool ChecksIsLocalUrl(SyntaxNode? body) =>
            body is not null && body.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>().Any(i =>
                i.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsLocalUrl" } ||
                i.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: "IsLocalUrl" });
    }
}
