using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.CardData
{
    /// <summary>
    /// SS1005: card data in a URL, query string, route, cookie or redirect: redirects and route values,
    /// URIs and query-string builders, HttpClient request URIs, card numbers in cookies (SAD in a cookie
    /// is SS1002's), and action parameters bound from the query string or route of a GET endpoint.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS1005CardDataInUrlAnalyzer : CardDataAnalyzer
    {
        private static readonly string[] s_httpMethods = { "GetAsync", "GetStringAsync", "GetByteArrayAsync", "GetStreamAsync", "DeleteAsync", "PostAsync", "PutAsync", "PatchAsync", "GetFromJsonAsync", "PostAsJsonAsync", "PutAsJsonAsync", "DeleteFromJsonAsync" };

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS1005CardDataInUrl);

        internal override void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var compilation = context.Compilation;
            var urlSinks = SinkTable.For(compilation)
                .Add("Microsoft.AspNetCore.Mvc.ControllerBase", "a redirect", "Redirect", "RedirectPermanent", "RedirectPreserveMethod", "RedirectPermanentPreserveMethod", "LocalRedirect", "LocalRedirectPermanent", "RedirectToAction", "RedirectToActionPermanent", "RedirectToRoute", "RedirectToRoutePermanent", "RedirectToPage", "RedirectToPagePermanent", "CreatedAtAction", "CreatedAtRoute")
                .Add("Microsoft.AspNetCore.Mvc.RazorPages.PageModel", "a redirect", "Redirect", "RedirectPermanent", "LocalRedirect", "RedirectToAction", "RedirectToRoute", "RedirectToPage")
                .Add("Microsoft.AspNetCore.Http.HttpResponse", "a redirect", "Redirect")
                .Add("Microsoft.AspNetCore.Http.Results", "a redirect", "Redirect", "LocalRedirect", "RedirectToRoute", "CreatedAtRoute")
                .Add("Microsoft.AspNetCore.Mvc.IUrlHelper", "a URL", "Action", "RouteUrl", "Link", "Page")
                .Add("Microsoft.AspNetCore.Mvc.UrlHelperExtensions", "a URL", "Action", "RouteUrl", "Link", "Page")
                .Add("Microsoft.AspNetCore.WebUtilities.QueryHelpers", "a query string", "AddQueryString")
                .Add("Microsoft.AspNetCore.Http.QueryString", "a query string", "Create", "Add")
                .Add("System.Net.Http.HttpClient", "a request URL", s_httpMethods)
                .Add("System.Net.Http.Json.HttpClientJsonExtensions", "a request URL", s_httpMethods)
                .Build();
            var cookies = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.IResponseCookies");
            var uri = KnownTypes.Get(compilation, "System.Uri");
            var uriBuilder = KnownTypes.Get(compilation, "System.UriBuilder");
            var controllerBase = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");

            context.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    var method = invocation.TargetMethod;
                    var recognizer = recognizerFor(invocation.Syntax.SyntaxTree);
                    if (cookies is not null && method.Name == "Append" && SymbolEqualityComparer.Default.Equals(method.ContainingType, cookies))
                    {
                        var cookie = FirstDirect(recognizer, PassedValues(invocation), CardDataKind.Pan);
                        Report(c, cookie.Operation, cookie.Value, "a cookie");
                        return;
                    }

                    var sink = urlSinks.Match(method);
                    if (sink is null)
                    {
                        return;
                    }

                    // For HTTP calls only the URL argument is a URL; a request body is SS1008's business.
                    foreach (var argument in invocation.Arguments)
                    {
                        string? parameter = argument.Parameter?.Name;
                        bool isUrlPart = sink.Display != "a request URL" || parameter == "requestUri";
                        if (!isUrlPart || (invocation.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0))
                        {
                            continue;
                        }

                        var value = recognizer.Value(argument.Value);
                        if (value.IsCardData)
                        {
                            Report(c, argument.Value, value, sink.Display);
                            return;
                        }
                    }
                },
                OperationKind.Invocation);

            context.RegisterOperationAction(
                c =>
                {
                    var creation = (IObjectCreationOperation)c.Operation;
                    if (!(uri is not null && SymbolEqualityComparer.Default.Equals(creation.Type, uri)) &&
                        !(uriBuilder is not null && SymbolEqualityComparer.Default.Equals(creation.Type, uriBuilder)))
                    {
                        return;
                    }

                    var found = FirstDirect(recognizerFor(creation.Syntax.SyntaxTree), Values(creation), CardDataKind.Pan | CardDataKind.Sad);
                    Report(c, found.Operation, found.Value, "a URL");
                },
                OperationKind.ObjectCreation);

            if (controllerBase is null)
            {
                return;
            }

            context.RegisterSymbolAction(
                c =>
                {
                    var method = (IMethodSymbol)c.Symbol;
                    if (!method.IsControllerAction(controllerBase))
                    {
                        return;
                    }

                    bool isGet = method.HasAttributeNamed("HttpGetAttribute");
                    foreach (var parameter in method.Parameters)
                    {
                        bool fromUrl = parameter.HasAttributeNamed("FromQueryAttribute") ||
                                       parameter.HasAttributeNamed("FromRouteAttribute") ||
                                       (isGet && !HasBindingSourceOtherThanUrl(parameter));
                        if (!fromUrl || parameter.Locations.Length == 0)
                        {
                            continue;
                        }

                        var kind = recognizerFor(parameter.Locations[0].SourceTree!).Classify(parameter);
                        if (kind != CardDataKind.None)
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1005CardDataInUrl, parameter.Locations[0], parameter.Name, $"the query string or route of action {method.ContainingType.Name}.{method.Name}"));
                        }
                    }
                },
                SymbolKind.Method);
        }

        private static System.Collections.Generic.IEnumerable<IOperation> Values(IObjectCreationOperation creation)
        {
            foreach (var argument in creation.Arguments)
            {
                yield return argument.Value;
            }

            if (creation.Initializer is not null)
            {
                foreach (var child in creation.Initializer.Initializers)
                {
                    if (child is ISimpleAssignmentOperation assignment)
                    {
                        yield return assignment.Value;
                    }
                }
            }
        }

        private static bool HasBindingSourceOtherThanUrl(IParameterSymbol parameter) =>
            parameter.HasAttributeNamed("FromBodyAttribute") ||
            parameter.HasAttributeNamed("FromFormAttribute") ||
            parameter.HasAttributeNamed("FromHeaderAttribute") ||
            parameter.HasAttributeNamed("FromServicesAttribute");

        private static void Report(OperationAnalysisContext context, IOperation? operation, CardDataValue value, string sink)
        {
            if (operation is not null && value.IsCardData)
            {
                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1005CardDataInUrl, operation.Syntax.GetLocation(), value.Name, sink));
            }
        }
    }
}
