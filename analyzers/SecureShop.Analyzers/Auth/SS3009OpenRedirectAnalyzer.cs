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
    /// request data: an action, page-handler or endpoint parameter, <c>Request.Query/Form/Headers/RouteValues</c>,
    /// or a local assigned from one. A method that checks the value with <c>IsLocalUrl</c> is clean, and so is a
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
                var controllerBase = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.ControllerBase");
                var pageModel = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
                var httpResponse = start.Compilation.GetTypeByMetadataName("Microsoft.AspNetCore.Http.HttpResponse");
                if (httpResponse is null)
                {
                    return;
                }

                start.RegisterOperationAction(c => Analyze(c, controllerBase, pageModel, httpResponse), OperationKind.Invocation);
            });
        }

        private static void Analyze(OperationAnalysisContext context, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel, INamedTypeSymbol httpResponse)
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
            var source = RequestSource(url, root, controllerBase, pageModel, depth: 0);
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

        /// <summary>A description of the request data the URL starts with, or null when it does not start with any.</summary>
        private static string? RequestSource(IOperation value, IOperation root, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel, int depth)
        {
            if (depth > 4)
            {
                return null;
            }

            value = value.WithoutConversions();
            switch (value)
            {
                case IParameterReferenceOperation parameter when IsRequestBound(parameter.Parameter, controllerBase, pageModel):
                    return "parameter '" + parameter.Parameter.Name + "'";
                case IParameterReferenceOperation parameter when MethodSummaries.CallsFollowed > 0:
                    return ParameterMarker + parameter.Parameter.Ordinal; // a callee's parameter: the caller's argument decides
                case IInvocationOperation call when MethodSummaries.CanFollow && call.SemanticModel is { } model && MethodSummaries.For(model.Compilation).BodyOf(call.TargetMethod) is { } callee:
                    return ThroughProjectMethod(call, callee, root, controllerBase, pageModel, depth);
                case IPropertyReferenceOperation indexer when RequestValue.RequestCollection(indexer) is { } collection:
                    return collection;
                case IPropertyReferenceOperation property when property.Property.HasAttributeNamed("BindPropertyAttribute") || property.Property.HasAttributeNamed("FromQueryAttribute"):
                    return "bound property '" + property.Property.Name + "'";
                case IInvocationOperation { TargetMethod.Name: "ToString", Instance: { } target }:
                    return RequestSource(target, root, controllerBase, pageModel, depth + 1);
                case IInvocationOperation { TargetMethod.Name: "Concat" or "Format" } concat when concat.Arguments.Length > 0:
                    return RequestSource(concat.Arguments[0].Value, root, controllerBase, pageModel, depth + 1);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } add:
                    return RequestSource(add.LeftOperand, root, controllerBase, pageModel, depth + 1);
                case IInterpolatedStringOperation interpolated when interpolated.Parts.Length > 0:
                    return interpolated.Parts[0] is IInterpolationOperation first ? RequestSource(first.Expression, root, controllerBase, pageModel, depth + 1) : null;
                case ICoalesceOperation coalesce:
                    return RequestSource(coalesce.Value, root, controllerBase, pageModel, depth + 1) ?? RequestSource(coalesce.WhenNull, root, controllerBase, pageModel, depth + 1);
                case ILocalReferenceOperation local:
                    foreach (var assigned in AssignmentsTo(local.Local, root))
                    {
                        var found = RequestSource(assigned, root, controllerBase, pageModel, depth + 1);
                        if (found is not null)
                        {
                            return found;
                        }
                    }

                    return null;
                default:
                    return null;
            }
        }

        /// <summary>What a callee's URL starts with when it starts with one of its parameters: this marker and the ordinal.</summary>
        private const string ParameterMarker = "\0parameter ";

        /// <summary>
        /// A URL made by the project's own method (<see cref="MethodSummaries"/>, at most <see cref="MethodSummaries.MaxCalls"/> deep): it
        /// starts with request data the method reads itself, or with a parameter given request data by the caller; a method that
        /// checks <c>IsLocalUrl</c> is clean.
        /// </summary>
        private static string? ThroughProjectMethod(
            IInvocationOperation call, MethodSummaries.Body callee, IOperation root, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel, int depth)
        {
            if (ChecksIsLocalUrl(callee.Root.Syntax))
            {
                return null;
            }

            string through = " (through '" + call.TargetMethod.Name + "')";
            var ordinals = new List<int>();
            using (MethodSummaries.Follow())
            {
                foreach (var returned in callee.Returned)
                {
                    var found = RequestSource(returned, callee.Root, controllerBase, pageModel, depth); // calls have their own bound
                    if (found is null)
                    {
                        continue;
                    }

                    if (!found.StartsWith(ParameterMarker, StringComparison.Ordinal))
                    {
                        return found + through;
                    }

                    if (int.TryParse(found.Substring(ParameterMarker.Length), out int ordinal))
                    {
                        ordinals.Add(ordinal);
                    }
                }
            }

            // The arguments are judged where they are written, in the caller (a marker again when the caller is itself followed).
            foreach (int ordinal in ordinals)
            {
                var passed = MethodSummaries.Argument(call, ordinal) is { } argument ? RequestSource(argument, root, controllerBase, pageModel, depth) : null;
                if (passed is not null)
                {
                    return passed.StartsWith(ParameterMarker, StringComparison.Ordinal) ? passed : passed + through;
                }
            }

            return null;
        }

        private static IEnumerable<IOperation> AssignmentsTo(ILocalSymbol local, IOperation root)
        {
            foreach (var operation in root.Descendants())
            {
                if (operation is IVariableDeclaratorOperation declarator && SymbolEqualityComparer.Default.Equals(declarator.Symbol, local) && declarator.Initializer is not null)
                {
                    yield return declarator.Initializer.Value;
                }
                else if (operation is ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } assignment && SymbolEqualityComparer.Default.Equals(target.Local, local))
                {
                    yield return assignment.Value;
                }
            }
        }

        /// <summary>Parameters the model binder fills from the request: of an action, a page handler, or a lambda (minimal-API handler).</summary>
        private static bool IsRequestBound(IParameterSymbol parameter, INamedTypeSymbol? controllerBase, INamedTypeSymbol? pageModel)
        {
            if (parameter.Type.SpecialType != SpecialType.System_String && parameter.Type.Name != "Uri")
            {
                return false;
            }

            var owner = parameter.ContainingSymbol as IMethodSymbol;
            if (owner is null)
            {
                return false;
            }

            if (owner.MethodKind == MethodKind.AnonymousFunction)
            {
                return true;
            }

            return owner.IsControllerAction(controllerBase) ||
                (pageModel is not null && owner.ContainingType.InheritsFrom(pageModel) && owner.Name.StartsWith("On", StringComparison.Ordinal));
        }

        private static bool ChecksIsLocalUrl(SyntaxNode? body) =>
            body is not null && body.DescendantNodes().OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>().Any(i =>
                i.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax { Name.Identifier.ValueText: "IsLocalUrl" } ||
                i.Expression is Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax { Identifier.ValueText: "IsLocalUrl" });
    }
}
