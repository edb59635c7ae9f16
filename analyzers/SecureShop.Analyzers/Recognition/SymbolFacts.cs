using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>Small questions about symbols and operations that many rules ask.</summary>
    internal static class SymbolFacts
    {
        /// <summary>
        /// The calls in <paramref name="compilation"/> whose target <paramref name="isTarget"/> accepts, found by the called name
        /// first (<c>x.Name(...)</c> or <c>Name(...)</c>), so that only trees with a call of that name are bound.
        /// </summary>
        public static System.Collections.Generic.List<(Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax Call, SemanticModel Model, IMethodSymbol Target)> CallsNamed(
            Compilation compilation, string name, System.Func<IMethodSymbol, bool> isTarget, System.Threading.CancellationToken cancellationToken)
        {
            var calls = new System.Collections.Generic.List<(Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax, SemanticModel, IMethodSymbol)>();
            foreach (var tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var invocation in System.Linq.Enumerable.OfType<Microsoft.CodeAnalysis.CSharp.Syntax.InvocationExpressionSyntax>(tree.GetRoot(cancellationToken).DescendantNodes()))
                {
                    string? called = invocation.Expression switch
                    {
                        Microsoft.CodeAnalysis.CSharp.Syntax.MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
                        Microsoft.CodeAnalysis.CSharp.Syntax.IdentifierNameSyntax identifier => identifier.Identifier.ValueText,
                        _ => null,
                    };
                    if (called != name)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Only trees with a call of this name are bound, once each, for rules that must see every caller of a method.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol target && isTarget(target))
                    {
                        calls.Add((invocation, model, target));
                    }
                }
            }

            return calls;
        }

        /// <summary>The operation under implicit and explicit conversions (and awaits, which only unwrap a task).</summary>
        public static IOperation WithoutConversions(this IOperation operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion:
                        operation = conversion.Operand;
                        break;
                    case IAwaitOperation awaited:
                        operation = awaited.Operation;
                        break;
                    default:
                        return operation;
                }
            }
        }

        /// <summary>The outermost operation of the body <paramref name="operation"/> is in (method body, field initializer...).</summary>
        public static IOperation Root(this IOperation operation)
        {
            while (operation.Parent is not null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>The value written in the call for parameter <paramref name="parameterName"/>; null when it is left to its default or absent.</summary>
        public static IOperation? ArgumentFor(this ImmutableArray<IArgumentOperation> arguments, string parameterName)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter?.Name == parameterName && argument.ArgumentKind == ArgumentKind.Explicit)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="type"/> is <paramref name="baseType"/> or derives from it (generic definitions compared).</summary>
        public static bool InheritsFrom(this ITypeSymbol? type, INamedTypeSymbol baseType)
        {
            for (var t = type; t is not null; t = t.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, baseType))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Has an attribute of this class name (matched by name, so user-declared look-alikes count).</summary>
        /// <summary>
        /// The attributes of a symbol, read without binding anything when none of its source declarations carries an
        /// attribute list (most members of a project). The rules ask about attributes of every method, property and parameter;
        /// binding them all costs the build, and a scan (which never emits) that work would otherwise never happen.
        /// </summary>
        public static ImmutableArray<AttributeData> Attributes(this ISymbol symbol) =>
            MayHaveAttributes(symbol) ? symbol.GetAttributes() : ImmutableArray<AttributeData>.Empty;

        private static bool MayHaveAttributes(ISymbol symbol)
        {
            var references = symbol.DeclaringSyntaxReferences;
            if (references.IsEmpty)
            {
                return true; // from metadata, or declared implicitly
            }

            foreach (var reference in references)
            {
                var lists = reference.GetSyntax() switch
                {
                    MemberDeclarationSyntax member => member.AttributeLists,
                    VariableDeclaratorSyntax { Parent.Parent: BaseFieldDeclarationSyntax field } => field.AttributeLists,
                    BaseParameterSyntax parameter => parameter.AttributeLists,
                    AccessorDeclarationSyntax accessor => accessor.AttributeLists,
                    LocalFunctionStatementSyntax local => local.AttributeLists,
                    TypeParameterSyntax typeParameter => typeParameter.AttributeLists,
                    _ => (SyntaxList<AttributeListSyntax>?)null,
                };
                if (lists is not { Count: 0 })
                {
                    return true; // attributes written here, or a declaration whose attributes live elsewhere
                }
            }

            return false;
        }

        public static bool HasAttributeNamed(this ISymbol symbol, string attributeClassName)
        {
            foreach (var attribute in symbol.Attributes())
            {
                if (attribute.AttributeClass?.Name == attributeClassName)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The template of a <c>[Route]</c> or <c>[HttpGet/Post/...]</c> attribute on an action or controller, or null.</summary>
        public static string? RouteTemplate(this ISymbol symbol)
        {
            foreach (var attribute in symbol.Attributes())
            {
                string? name = attribute.AttributeClass?.Name;
                if (name is not null && (name == "RouteAttribute" || (name.StartsWith("Http", System.StringComparison.Ordinal) && name.EndsWith("Attribute", System.StringComparison.Ordinal))) &&
                    attribute.ConstructorArguments.Length > 0 && attribute.ConstructorArguments[0].Value is string template)
                {
                    return template;
                }
            }

            return null;
        }

        /// <summary>A public instance method of a controller (ControllerBase-derived) not marked [NonAction].</summary>
        public static bool IsControllerAction(this ISymbol? symbol, INamedTypeSymbol? controllerBase) =>
            controllerBase is not null &&
            symbol is IMethodSymbol { MethodKind: MethodKind.Ordinary, IsStatic: false, DeclaredAccessibility: Accessibility.Public } method &&
            method.ContainingType.InheritsFrom(controllerBase) &&
            !method.HasAttributeNamed("NonActionAttribute");

        public static bool HasAttribute(this ISymbol symbol, INamedTypeSymbol attributeClass)
        {
            foreach (var attribute in symbol.Attributes())
            {
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, attributeClass))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The Razor page path of a PageModel: "/Account/Manage" from Pages/Account/Manage.cshtml.cs, else from its namespace and name.</summary>
        public static string PagePath(this INamedTypeSymbol page)
        {
            string file = page.Locations[0].SourceTree?.FilePath?.Replace('\\', '/') ?? string.Empty;
            int pages = file.LastIndexOf("/Pages/", System.StringComparison.OrdinalIgnoreCase);
            if (pages >= 0 && file.EndsWith(".cshtml.cs", System.StringComparison.OrdinalIgnoreCase))
            {
                return file.Substring(pages + "/Pages".Length, file.Length - pages - "/Pages".Length - ".cshtml.cs".Length);
            }

            string name = page.Name.EndsWith("Model", System.StringComparison.Ordinal) ? page.Name.Substring(0, page.Name.Length - "Model".Length) : page.Name;
            string ns = page.ContainingNamespace?.ToDisplayString() ?? string.Empty;
            int nsPages = ns.IndexOf(".Pages", System.StringComparison.Ordinal);
            string folder = nsPages >= 0 ? ns.Substring(nsPages + ".Pages".Length).Replace('.', '/') : string.Empty;
            return folder + "/" + name;
        }
    }
}
