using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;

namespace SecureShop.Analyzers.Tests.Infrastructure;

/// <summary>
/// Runs one analyzer over test sources written with Roslyn markup (<c>{|#0:code|}</c>) and compares
/// its diagnostics with the expected ones, against the shop reference assemblies.
/// </summary>
internal static class Verify<TAnalyzer>
    where TAnalyzer : DiagnosticAnalyzer, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    /// <summary>Positive or negative case: <paramref name="expected"/> empty means "no diagnostic".</summary>
    public static Task AnalyzerAsync(string source, params DiagnosticResult[] expected) =>
        CreateTest(source, expected).RunAsync();

    /// <summary>Same, with an <c>.editorconfig</c> (or <c>.globalconfig</c>) body and/or a custom assembly name.</summary>
    public static Task AnalyzerAsync(string source, string? editorConfig, string? assemblyName, params DiagnosticResult[] expected)
    {
        var test = CreateTest(source, expected);
        if (editorConfig is not null)
        {
            test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", "is_global = true\n" + editorConfig));
        }

        if (assemblyName is not null)
        {
            test.SolutionTransforms.Add((solution, projectId) => solution.WithProjectAssemblyName(projectId, assemblyName));
        }

        return test.RunAsync();
    }

    /// <summary>Code with syntax errors: the analyzer must not throw (AD0001) and reports only what is still clear.</summary>
    public static Task SyntaxErrorsAsync(string source, params DiagnosticResult[] expected)
    {
        var test = CreateTest(source, expected);
        test.CompilerDiagnostics = CompilerDiagnostics.None;
        return test.RunAsync();
    }

    public static CSharpAnalyzerTest<TAnalyzer, DefaultVerifier> CreateTest(string source, params DiagnosticResult[] expected)
    {
        var test = new CSharpAnalyzerTest<TAnalyzer, DefaultVerifier>
        {
            TestCode = source,
            ReferenceAssemblies = TestReferences.Framework,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.ExpectedDiagnostics.AddRange(expected);
        return test;
    }
}

/// <summary>Before/after tests of a code fix, including Fix All.</summary>
internal static class VerifyFix<TAnalyzer, TCodeFix>
    where TAnalyzer : DiagnosticAnalyzer, new()
    where TCodeFix : CodeFixProvider, new()
{
    public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new(descriptor);

    public static Task FixAsync(string source, string fixedSource, params DiagnosticResult[] expected)
    {
        var test = new CSharpCodeFixTest<TAnalyzer, TCodeFix, DefaultVerifier>
        {
            TestCode = source,
            FixedCode = fixedSource,
            ReferenceAssemblies = TestReferences.Framework,
        };
        test.TestState.AdditionalReferences.AddRange(TestReferences.All);
        test.FixedState.AdditionalReferences.AddRange(TestReferences.All);
        test.ExpectedDiagnostics.AddRange(expected);
        return test.RunAsync();
    }
}
