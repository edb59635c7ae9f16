using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureShop.Analyzers.Tests.Infrastructure;

internal static class AllAnalyzers
{
    /// <summary>Every analyzer the package ships, found the way the compiler finds them.</summary>
    public static ImmutableArray<DiagnosticAnalyzer> Create() =>
        typeof(RuleCatalog).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttributes(typeof(DiagnosticAnalyzerAttribute), false).Length > 0)
            .OrderBy(t => t.Name, StringComparer.Ordinal)
            .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
            .ToImmutableArray();
}
