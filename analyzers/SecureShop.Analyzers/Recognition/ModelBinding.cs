using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>How ASP.NET Core fills a bound object: the complex model binder (form, query, route) or an input formatter (a JSON body).</summary>
    internal enum BindingSource
    {
        None,
        Form,
        Body,
    }

    /// <summary>
    /// Which parameters and properties ASP.NET Core fills from the request, and which of an object's properties it sets.
    /// The two binders honour different attributes: the complex model binder (form fields, query string, route values,
    /// <c>TryUpdateModelAsync</c>) skips <c>[BindNever]</c> / <c>[BindingBehavior(Never)]</c> properties and binds only the
    /// <c>[Bind("A,B")]</c> include list when there is one, and ignores <c>[JsonIgnore]</c>; a JSON body (<c>[FromBody]</c>,
    /// the default for complex parameters of an <c>[ApiController]</c> and of a minimal-API handler) skips <c>[JsonIgnore]</c>
    /// properties and ignores <c>[BindNever]</c> and <c>[Bind]</c>.
    /// </summary>
    internal sealed class ModelBinding
    {
        private static readonly ImmutableHashSet<string> s_endpointMaps = ImmutableHashSet.Create(
            StringComparer.Ordinal, "MapGet", "MapPost", "MapPut", "MapPatch", "MapDelete", "MapMethods");

        private static readonly ImmutableHashSet<string> s_formSources = ImmutableHashSet.Create(
            StringComparer.Ordinal, "FromFormAttribute", "FromQueryAttribute", "FromRouteAttribute", "FromHeaderAttribute");

        private readonly INamedTypeSymbol? _controllerBase;
        private readonly INamedTypeSymbol? _pageModel;
        private readonly bool _assemblyIsApi;

        public ModelBinding(Compilation compilation)
        {
            _controllerBase = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.ControllerBase");
            _pageModel = KnownTypes.Get(compilation, "Microsoft.AspNetCore.Mvc.RazorPages.PageModel");
            _assemblyIsApi = compilation.Assembly.HasAttributeNamed("ApiControllerAttribute");
        }

        /// <summary>
        /// How the request fills <paramref name="parameter"/>: a parameter of a controller action, a Razor Pages handler
        /// (<c>On...</c>) or a lambda given to <c>MapGet/MapPost/...</c>; <see cref="BindingSource.None"/> for anything else
        /// and for <c>[FromServices]</c>.
        /// </summary>
        public BindingSource SourceOf(IParameterSymbol parameter)
        {
            if (parameter.ContainingSymbol is not IMethodSymbol owner || parameter.HasAttributeNamed("FromServicesAttribute") ||
                parameter.HasAttributeNamed("FromKeyedServicesAttribute") || parameter.HasAttributeNamed("AsParametersAttribute"))
            {
                return BindingSource.None;
            }

            bool explicitForm = parameter.Attributes().Any(a => a.AttributeClass is { } c && s_formSources.Contains(c.Name));
            if (parameter.HasAttributeNamed("FromBodyAttribute"))
            {
                return BindingSource.Body;
            }

            if (owner.MethodKind is MethodKind.AnonymousFunction or MethodKind.LambdaMethod)
            {
                return !IsEndpointLambda(parameter) ? BindingSource.None : explicitForm ? BindingSource.Form : BindingSource.Body;
            }

            if (owner.IsControllerAction(_controllerBase))
            {
                return explicitForm || !IsApiController(owner.ContainingType) ? BindingSource.Form : BindingSource.Body;
            }

            return _pageModel is not null && owner is { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } &&
                owner.ContainingType.InheritsFrom(_pageModel) && owner.Name.StartsWith("On", StringComparison.Ordinal)
                ? BindingSource.Form
                : BindingSource.None;
        }

        /// <summary>A <c>[BindProperty]</c> property, or a public property of a type marked <c>[BindProperties]</c>, of a page model or controller.</summary>
        public BindingSource SourceOf(IPropertySymbol property)
        {
            if (property.IsStatic || property.SetMethod is null || property.DeclaredAccessibility != Accessibility.Public ||
                !IsControllerOrPage(property.ContainingType))
            {
                return BindingSource.None;
            }

            bool bound = property.HasAttributeNamed("BindPropertyAttribute") ||
                (property.ContainingType.HasAttributeNamed("BindPropertiesAttribute") && !property.HasAttributeNamed("BindNeverAttribute"));
            return !bound ? BindingSource.None : property.HasAttributeNamed("FromBodyAttribute") ? BindingSource.Body : BindingSource.Form;
        }

        /// <summary>
        /// True when the binder that <paramref name="source"/> names sets <paramref name="property"/> of a bound object;
        /// <paramref name="include"/> is a <c>[Bind]</c> include list on the parameter (form binding only), or null.
        /// </summary>
        public static bool IsSetByBinder(IPropertySymbol property, BindingSource source, ImmutableHashSet<string>? include)
        {
            if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public)
            {
                return false;
            }

            bool publicSetter = property.SetMethod is { DeclaredAccessibility: Accessibility.Public };
            if (source == BindingSource.Body)
            {
                if (property.Attributes().Any(IsJsonIgnore))
                {
                    return false;
                }

                return publicSetter || (property.SetMethod is not null && property.HasAttributeNamed("JsonIncludeAttribute"));
            }

            if (!publicSetter || NeverBound(property))
            {
                return false;
            }

            include ??= IncludeList(property.ContainingType);
            return include is null || include.Contains(property.Name);
        }

        /// <summary>The names a <c>[Bind("A,B")]</c> / <c>[Bind(nameof(A), nameof(B))]</c> on <paramref name="symbol"/> (a parameter or a type) includes, or null.</summary>
        public static ImmutableHashSet<string>? IncludeList(ISymbol symbol)
        {
            for (var current = symbol; current is not null; current = (current as INamedTypeSymbol)?.BaseType)
            {
                foreach (var attribute in current.Attributes())
                {
                    if (attribute.AttributeClass?.Name != "BindAttribute")
                    {
                        continue;
                    }

                    var names = new List<string>();
                    foreach (var argument in attribute.ConstructorArguments)
                    {
                        var values = argument.Kind == TypedConstantKind.Array ? argument.Values : ImmutableArray.Create(argument);
                        foreach (var value in values)
                        {
                            if (value.Value is string text)
                            {
                                names.AddRange(text.Split(',').Select(n => n.Trim()).Where(n => n.Length > 0));
                            }
                        }
                    }

                    return names.Count == 0 ? null : names.ToImmutableHashSet(StringComparer.Ordinal); // [Bind(Prefix = "x")] alone binds everything
                }

                if (current is not INamedTypeSymbol)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>System.Text.Json's <c>[JsonIgnore]</c> skips reading only with <c>Condition = Always</c> (the default); Newtonsoft's always skips.</summary>
        private static bool IsJsonIgnore(AttributeData attribute)
        {
            if (attribute.AttributeClass?.Name != "JsonIgnoreAttribute")
            {
                return false;
            }

            foreach (var named in attribute.NamedArguments)
            {
                if (named.Key == "Condition" && named.Value.Value is int condition)
                {
                    return condition == 1; // JsonIgnoreCondition.Always; Never/WhenWritingDefault/WhenWritingNull still read the value
                }
            }

            return true;
        }

        /// <summary><c>[BindNever]</c> or <c>[BindingBehavior(Never)]</c> on the property, or on its class without a property-level override.</summary>
        private static bool NeverBound(IPropertySymbol property)
        {
            if (Never(property) is { } own)
            {
                return own;
            }

            for (var type = property.ContainingType; type is not null; type = type.BaseType)
            {
                if (Never(type) is { } inherited)
                {
                    return inherited;
                }
            }

            return false;
        }

        /// <summary>True for Never, false for a binding behaviour that binds (Optional = 0, Required = 2), null when none is declared.</summary>
        private static bool? Never(ISymbol symbol)
        {
            foreach (var attribute in symbol.Attributes())
            {
                switch (attribute.AttributeClass?.Name)
                {
                    case "BindNeverAttribute":
                        return true;
                    case "BindRequiredAttribute":
                        return false;
                    case "BindingBehaviorAttribute" when attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is int behavior:
                        return behavior == 1;
                }
            }

            return null;
        }

        /// <summary>A controller (ControllerBase-derived) or a Razor Pages model.</summary>
        public bool IsControllerOrPage(INamedTypeSymbol? type) =>
            (_controllerBase is not null && type.InheritsFrom(_controllerBase)) || (_pageModel is not null && type.InheritsFrom(_pageModel));

        private bool IsApiController(INamedTypeSymbol controller)
        {
            if (_assemblyIsApi)
            {
                return true;
            }

            for (var type = controller; type is not null; type = type.BaseType)
            {
                if (type.HasAttributeNamed("ApiControllerAttribute"))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A parameter of a lambda written as the handler argument of <c>app.MapPost("/x", (Product p, ...) => ...)</c>.</summary>
        private static bool IsEndpointLambda(IParameterSymbol parameter)
        {
            foreach (var reference in parameter.DeclaringSyntaxReferences)
            {
                var lambda = reference.GetSyntax().FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>();
                if (lambda?.Parent is ArgumentSyntax { Parent: ArgumentListSyntax { Parent: InvocationExpressionSyntax invocation } } &&
                    invocation.Expression is MemberAccessExpressionSyntax member && s_endpointMaps.Contains(member.Name.Identifier.ValueText))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
