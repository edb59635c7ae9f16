using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// How much of an ASP.NET Core application's HTTP pipeline the compilation shows. Two questions rules ask before they
    /// say something is missing from the pipeline:
    /// <list type="bullet">
    /// <item><see cref="ServesRequests"/>: the project puts middleware or endpoints on the pipeline (an extension method of
    /// <c>IApplicationBuilder</c> or <c>IEndpointRouteBuilder</c>: <c>UseHttpsRedirection</c>, <c>MapControllers</c>,
    /// <c>Run(handler)</c>). A worker that builds a web host only for its services and maps nothing serves no one.</item>
    /// <item><see cref="EscapesToReferencedProject"/>: the app or its builder is handed to a method of another project of
    /// the solution (<c>app.ConfigureRequestPipeline()</c> from the shop's own Web.Framework library), so the pipeline
    /// is set up where this compilation cannot see it. NuGet packages do not count: their extension methods (Swagger, ...)
    /// are not where a shop puts its HTTPS set-up, and counting them would silence the question for nearly every app.</item>
    /// </list>
    /// Computed once per compilation, on demand: only the names of methods that another project of the solution declares
    /// for the app or builder, and a handful of name prefixes, are bound.
    /// </summary>
    internal sealed class HttpPipeline
    {
        /// <summary>Types through which the pipeline is set up, directly or by a startup filter/<c>Configure</c> callback.</summary>
        private static readonly ImmutableArray<string> s_hostTypes = ImmutableArray.Create(
            "Microsoft.AspNetCore.Builder.IApplicationBuilder",
            "Microsoft.AspNetCore.Routing.IEndpointRouteBuilder",
            "Microsoft.AspNetCore.Builder.WebApplicationBuilder",
            "Microsoft.AspNetCore.Hosting.IWebHostBuilder",
            "Microsoft.Extensions.Hosting.IHostBuilder",
            "Microsoft.Extensions.Hosting.IHostApplicationBuilder",
            "Microsoft.Extensions.Hosting.IHost");

        /// <summary>Calls that make an application serve pages to a browser (views, Razor Pages, Blazor, static files, cookie sign-in UI).</summary>
        private static readonly ImmutableHashSet<string> s_browserUiCalls = ImmutableHashSet.Create(
            StringComparer.Ordinal,
            "AddControllersWithViews", "AddMvc", "AddRazorPages", "MapRazorPages", "MapControllerRoute", "MapDefaultControllerRoute",
            "MapAreaControllerRoute", "UseStaticFiles", "MapStaticAssets", "UseDefaultFiles", "AddRazorComponents", "MapRazorComponents",
            "MapBlazorHub", "AddServerSideBlazor", "MapFallbackToPage", "MapFallbackToFile", "MapFallbackToController", "AddDefaultIdentity",
            "AddDefaultUI", "UseSpa", "UseSpaStaticFiles");

        private HttpPipeline(bool servesRequests, bool escapes, bool browserUi)
        {
            ServesRequests = servesRequests;
            EscapesToReferencedProject = escapes;
            ServesBrowserUi = browserUi;
        }

        /// <summary>
        /// The application serves pages to browsers (views, Razor Pages, Blazor, static files). A web API without
        /// them has no use for HSTS, which only browsers obey.
        /// </summary>
        public bool ServesBrowserUi { get; }

        /// <summary>Middleware or endpoints are added to the pipeline somewhere in the compilation.</summary>
        public bool ServesRequests { get; }

        /// <summary>The app or its builder is given to a method declared in another project of the solution.</summary>
        public bool EscapesToReferencedProject { get; }

        /// <summary>Looks at <paramref name="compilation"/>; call it once per compilation (it walks every syntax tree).</summary>
        public static HttpPipeline Of(Compilation compilation)
        {
            var pipelineTypes = new List<INamedTypeSymbol>();
            var hostTypes = new List<INamedTypeSymbol>();
            foreach (var name in s_hostTypes)
            {
                if (KnownTypes.Get(compilation, name) is { } type)
                {
                    hostTypes.Add(type);
                    if (name.EndsWith("IApplicationBuilder", StringComparison.Ordinal) || name.EndsWith("IEndpointRouteBuilder", StringComparison.Ordinal))
                    {
                        pipelineTypes.Add(type);
                    }
                }
            }

            var escapeNames = MethodsOfReferencedProjects(compilation, hostTypes);
            bool serves = false;
            bool escapes = false;
            bool browserUi = false;
            foreach (var tree in compilation.SyntaxTrees)
            {
                SemanticModel? model = null;
                foreach (var node in tree.GetRoot().DescendantNodes())
                {
                    if (node is not InvocationExpressionSyntax invocation || Name(invocation.Expression) is not string name)
                    {
                        continue;
                    }

                    browserUi |= s_browserUiCalls.Contains(name);

                    bool servingName = !serves && (name.StartsWith("Use", StringComparison.Ordinal) || name.StartsWith("Map", StringComparison.Ordinal) || name == "Run");
                    bool escapeName = !escapes && escapeNames.Contains(name);
                    if (!servingName && !escapeName)
                    {
                        continue;
                    }

#pragma warning disable RS1030 // Once per compilation, and only invocations whose name passed the filter above are bound.
                    model ??= compilation.GetSemanticModel(tree);
#pragma warning restore RS1030
                    if (model.GetSymbolInfo(invocation).Symbol is not IMethodSymbol method)
                    {
                        continue;
                    }

                    serves |= servingName && IsPipelineExtension(method, pipelineTypes);
                    escapes |= escapeName && IsFromReferencedProject(method.ContainingAssembly, compilation) && TakesAny(method, hostTypes);
                }
            }

            return new HttpPipeline(serves, escapes, browserUi);
        }

        private static string? Name(ExpressionSyntax expression) => expression switch
        {
            MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText,
            SimpleNameSyntax simple => simple.Identifier.ValueText,
            MemberBindingExpressionSyntax binding => binding.Name.Identifier.ValueText,
            _ => null,
        };

        /// <summary><c>app.UseX(...)</c>/<c>app.MapX(...)</c>/<c>app.Run(handler)</c>: an extension method of the pipeline's builder.</summary>
        private static bool IsPipelineExtension(IMethodSymbol method, List<INamedTypeSymbol> pipelineTypes)
        {
            var extension = method.ReducedFrom ?? method;
            return extension.IsExtensionMethod && extension.Parameters.Length > 0 && IsOrImplements(extension.Parameters[0].Type, pipelineTypes);
        }

        private static bool TakesAny(IMethodSymbol method, List<INamedTypeSymbol> hostTypes)
        {
            var declared = method.ReducedFrom ?? method;
            foreach (var parameter in declared.Parameters)
            {
                if (IsOrImplements(parameter.Type, hostTypes))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsOrImplements(ITypeSymbol type, List<INamedTypeSymbol> candidates)
        {
            foreach (var candidate in candidates)
            {
                if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, candidate))
                {
                    return true;
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, candidate))
                    {
                        return true;
                    }
                }

                for (var t = type.BaseType; t is not null; t = t.BaseType)
                {
                    if (SymbolEqualityComparer.Default.Equals(t.OriginalDefinition, candidate))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The names of public static methods that other projects of the solution declare with an app or builder parameter.</summary>
        private static HashSet<string> MethodsOfReferencedProjects(Compilation compilation, List<INamedTypeSymbol> hostTypes)
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            if (hostTypes.Count == 0)
            {
                return names;
            }

            foreach (var reference in compilation.References)
            {
                if (compilation.GetAssemblyOrModuleSymbol(reference) is not IAssemblySymbol assembly || !IsFromReferencedProject(assembly, compilation))
                {
                    continue;
                }

                var stack = new Stack<INamespaceOrTypeSymbol>();
                stack.Push(assembly.GlobalNamespace);
                while (stack.Count > 0)
                {
                    foreach (var member in stack.Pop().GetMembers())
                    {
                        if (member is INamespaceSymbol ns)
                        {
                            stack.Push(ns);
                        }
                        else if (member is INamedTypeSymbol { DeclaredAccessibility: Accessibility.Public } type)
                        {
                            stack.Push(type);
                        }
                        else if (member is IMethodSymbol { IsStatic: true, DeclaredAccessibility: Accessibility.Public } method && TakesAny(method, hostTypes))
                        {
                            names.Add(method.Name);
                        }
                    }
                }
            }

            return names;
        }

        /// <summary>
        /// An assembly built from another project of the same solution: a project reference (a compilation, in the IDE and in
        /// MSBuild workspaces) or a file under a <c>bin</c>/<c>obj</c> folder (a command-line build), never a NuGet package or a
        /// framework pack, and never Microsoft's or the runtime's own assemblies.
        /// </summary>
        private static bool IsFromReferencedProject(IAssemblySymbol? assembly, Compilation compilation)
        {
            if (assembly is null || SymbolEqualityComparer.Default.Equals(assembly, compilation.Assembly) ||
                assembly.Name.StartsWith("Microsoft.", StringComparison.Ordinal) || assembly.Name.StartsWith("System.", StringComparison.Ordinal) ||
                assembly.Name is "Microsoft" or "System" or "mscorlib" or "netstandard")
            {
                return false;
            }

            switch (compilation.GetMetadataReference(assembly))
            {
                case CompilationReference:
                    return true;
                case PortableExecutableReference { FilePath: { Length: > 0 } path }:
                    foreach (var segment in path.Split(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar))
                    {
                        if (segment.Equals("bin", StringComparison.OrdinalIgnoreCase) || segment.Equals("obj", StringComparison.OrdinalIgnoreCase))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }
    }
}
