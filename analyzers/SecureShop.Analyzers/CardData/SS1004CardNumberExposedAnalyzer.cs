using System;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.CardData
{
    /// <summary>
    /// SS1004: a full card number shown to someone: returned from a controller action or minimal-API
    /// handler (directly, in a result helper such as Ok/Json/View, or as an object with a card member that
    /// gets serialized), put in ViewBag/ViewData, or printed by a record's compiler-generated ToString.
    /// Values passed through a masking call are clean. E-mail bodies are SS1008's.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS1004CardNumberExposedAnalyzer : CardDataAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SS1004CardNumberExposed);

        internal override void OnCompilationStart(CompilationStartAnalysisContext context, Func<SyntaxTree, CardDataRecognizer> recognizerFor)
        {
            var compilation = context.Compilation;
            var controllerBase = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
            var endpointExtensions = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Builder.EndpointRouteBuilderExtensions");
            var results = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.Results");
            var typedResults = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Http.TypedResults");
            var viewData = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ViewFeatures.ViewDataDictionary");

            context.RegisterSymbolAction(
                c =>
                {
                    var type = (INamedTypeSymbol)c.Symbol;
                    if (!type.IsRecord || !CardDataRecognizer.PrintsMembers(type))
                    {
                        return;
                    }

                    foreach (var member in type.GetMembers())
                    {
                        if (member is IPropertySymbol { IsStatic: false, DeclaredAccessibility: Accessibility.Public } property &&
                            property.Locations.Length > 0 && property.Locations[0].IsInSource &&
                            recognizerFor(property.Locations[0].SourceTree!).Classify(property).HasFlag(CardDataKind.Pan))
                        {
                            c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1004CardNumberExposed, property.Locations[0], property.Name, $"the compiler-generated ToString of record {type.Name}"));
                        }
                    }
                },
                SymbolKind.NamedType);

            if (controllerBase is null && endpointExtensions is null)
            {
                return;
            }

            context.RegisterOperationAction(
                c =>
                {
                    var returned = ((IReturnOperation)c.Operation).ReturnedValue;
                    if (returned is null)
                    {
                        return;
                    }

                    var endpoint = EndpointOf(c.Operation, c.ContainingSymbol, controllerBase, endpointExtensions);
                    if (endpoint is null)
                    {
                        return;
                    }

                    var recognizer = recognizerFor(returned.Syntax.SyntaxTree);
                    if (recognizer.IsSanitized(returned))
                    {
                        return;
                    }

                    var (operation, value) = returned.WithoutConversions() is IInvocationOperation helper && IsResultHelper(helper.TargetMethod, controllerBase, results, typedResults)
                        ? FirstAny(recognizer, ResponseContent(helper), CardDataKind.Pan)
                        : (returned, recognizer.Value(returned).Or(recognizer.Holder(returned.Type)));
                    if (operation is not null && value.Has(CardDataKind.Pan) && !IsFreshModelWithoutCardYet(operation, c.Operation, recognizer))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1004CardNumberExposed, operation.Syntax.GetLocation(), value.Name, $"the response of {endpoint}"));
                    }
                },
                OperationKind.Return);

            context.RegisterOperationAction(
                c =>
                {
                    var assignment = (ISimpleAssignmentOperation)c.Operation;
                    string? sink = assignment.Target switch
                    {
                        IDynamicMemberReferenceOperation { Instance: IPropertyReferenceOperation { Property.Name: "ViewBag" } } => "ViewBag",
                        IPropertyReferenceOperation { Property.IsIndexer: true, Instance: { } instance } when viewData is not null && instance.Type.InheritsFrom(viewData) => "ViewData",
                        _ => null,
                    };
                    if (sink is null)
                    {
                        return;
                    }

                    var value = recognizerFor(assignment.Syntax.SyntaxTree).Value(assignment.Value);
                    if (value.Has(CardDataKind.Pan))
                    {
                        c.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1004CardNumberExposed, assignment.Value.Syntax.GetLocation(), value.Name, sink));
                    }
                },
                OperationKind.SimpleAssignment);
        }

        /// <summary>Names the endpoint a return belongs to: a public action of a controller, or a lambda given to MapGet/MapPost/...</summary>
        /// <summary>
        /// A model created in this method (<c>var model = new PaymentInfoModel()</c>) and returned before any card
        /// member of it is assigned (the form shown on GET, before the posted card number is copied in): its card
        /// member is still empty at this return, so nothing is exposed.
        /// </summary>
        private static bool IsFreshModelWithoutCardYet(IOperation content, IOperation returnOperation, CardDataRecognizer recognizer)
        {
            if (content.WithoutConversions() is not ILocalReferenceOperation { Local: var local })
            {
                return false;
            }

            var root = returnOperation.Root();
            int returnAt = returnOperation.Syntax.SpanStart;
            bool createdHere = false;
            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        var initializer = declarator.Initializer?.Value.WithoutConversions() ?? (declarator.Parent as IVariableDeclarationOperation)?.Initializer?.Value.WithoutConversions();
                        if (initializer is not IObjectCreationOperation creation)
                        {
                            return false;
                        }

                        createdHere = true;
                        if (creation.Initializer is { } members && members.Initializers.Any(i => i is ISimpleAssignmentOperation { Target: IMemberReferenceOperation target } && IsCardMember(target.Member, recognizer)))
                        {
                            return false;
                        }

                        break;
                    case ISimpleAssignmentOperation { Target: ILocalReferenceOperation target } when SymbolEqualityComparer.Default.Equals(target.Local, local):
                        return false; // the local is given another object somewhere: not followed
                    case ISimpleAssignmentOperation { Target: IMemberReferenceOperation { Instance: ILocalReferenceOperation instance } target } assignment
                        when SymbolEqualityComparer.Default.Equals(instance.Local, local) && IsCardMember(target.Member, recognizer) && assignment.Syntax.SpanStart < returnAt:
                        return false;
                    case IInvocationOperation invocation when invocation.Syntax.SpanStart < returnAt && !EndsThePath(invocation.Syntax) &&
                                                             invocation.Arguments.Any(a => a.Value.WithoutConversions() is ILocalReferenceOperation passed && SymbolEqualityComparer.Default.Equals(passed.Local, local)):
                        return false; // handed to a method before the return, which may fill it in
                }
            }

            return createdHere;
        }

        /// <summary>A call inside a return (an earlier <c>return View(model)</c>): that path ends there and fills nothing for later code.</summary>
        private static bool EndsThePath(SyntaxNode node) =>
            node.FirstAncestorOrSelf<SyntaxNode>(n => n is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax or Microsoft.CodeAnalysis.CSharp.Syntax.StatementSyntax) is Microsoft.CodeAnalysis.CSharp.Syntax.ReturnStatementSyntax;

        private static bool IsCardMember(ISymbol member, CardDataRecognizer recognizer) =>
            member is IPropertySymbol or IFieldSymbol && recognizer.Classify(member).HasFlag(CardDataKind.Pan);

        private static string? EndpointOf(IOperation operation, ISymbol containing, INamedTypeSymbol? controllerBase, INamedTypeSymbol? endpointExtensions)
        {
            for (var node = operation.Parent; node is not null; node = node.Parent)
            {
                if (node is IAnonymousFunctionOperation)
                {
                    // A return inside a lambda belongs to the lambda: an endpoint only when the lambda is the handler of Map*.
                    for (var outer = node.Parent; outer is not null; outer = outer.Parent)
                    {
                        if (outer is IInvocationOperation map)
                        {
                            return endpointExtensions is not null && map.TargetMethod.Name.StartsWith("Map", StringComparison.Ordinal) &&
                                SymbolEqualityComparer.Default.Equals(map.TargetMethod.ContainingType, endpointExtensions)
                                ? $"endpoint {map.TargetMethod.Name}"
                                : null;
                        }
                    }

                    return null;
                }

                if (node is ILocalFunctionOperation)
                {
                    return null;
                }
            }

            if (containing.IsControllerAction(controllerBase))
            {
                return $"action {containing.ContainingType.Name}.{containing.Name}";
            }

            return null;
        }

        /// <summary>Ok/Json/View/Created... of MVC and Results/TypedResults: the framework's, not a helper of the user's controller.</summary>
        private static bool IsResultHelper(IMethodSymbol method, INamedTypeSymbol? controllerBase, INamedTypeSymbol? results, INamedTypeSymbol? typedResults) =>
            (controllerBase is not null && method.ContainingType.InheritsFrom(controllerBase) &&
             method.ContainingType.ContainingNamespace?.ToDisplayString() == "Microsoft.AspNetCore.Mvc") ||
            (results is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, results)) ||
            (typedResults is not null && SymbolEqualityComparer.Default.Equals(method.ContainingType, typedResults));

        /// <summary>
        /// What a result helper writes into the response: Ok(value), View(model), Json(data), Content(content).
        /// Redirect targets and route values are URLs (SS1005), not content.
        /// </summary>
        private static System.Collections.Generic.IEnumerable<IOperation> ResponseContent(IInvocationOperation helper)
        {
            foreach (var argument in helper.Arguments)
            {
                switch (argument.Parameter?.Name)
                {
                    case "value":
                    case "model":
                    case "data":
                    case "content":
                    case "error":
                        yield return argument.Value;
                        break;
                }
            }
        }
    }
}
