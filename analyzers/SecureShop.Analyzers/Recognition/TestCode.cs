using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SecureShop.Analyzers.Recognition
{
    /// <summary>
    /// Is this compilation a test project? Rules that exempt test code (known test PANs, fixtures)
    /// ask here. The package's build props make MSBuild's <c>IsTestProject</c> visible to analyzers;
    /// without it, a reference to a test framework or a test assembly name decides: *.Tests, *.Test,
    /// *.UnitTests, *.IntegrationTests, *.Specs, and helpers of a test suite such as *.Tests.UI.Shortcuts.
    /// </summary>
    internal static class TestCode
    {
        private static readonly string[] s_testFrameworkAssemblies =
        {
            "xunit.core", "xunit.v3.core", "nunit.framework", "Microsoft.VisualStudio.TestPlatform.TestFramework", "MSTest.TestFramework", "TUnit.Core",
        };

        public static bool IsTestProject(Compilation compilation, AnalyzerOptions options)
        {
            if (options.AnalyzerConfigOptionsProvider.GlobalOptions.TryGetValue("build_property.IsTestProject", out var value) &&
                string.Equals(value?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var name = compilation.AssemblyName ?? string.Empty;
            if (name.EndsWith(".Tests", StringComparison.OrdinalIgnoreCase) ||
                name.EndsWith(".Test", StringComparison.OrdinalIgnoreCase) ||
                name.EndsWith(".UnitTests", StringComparison.OrdinalIgnoreCase) ||
                name.EndsWith(".IntegrationTests", StringComparison.OrdinalIgnoreCase) ||
                name.EndsWith(".Specs", StringComparison.OrdinalIgnoreCase) ||
                name.IndexOf(".Tests.", StringComparison.OrdinalIgnoreCase) >= 0 ||
                name.IndexOf(".Test.", StringComparison.OrdinalIgnoreCase) >= 0)
            {
                return true;
            }

            foreach (var reference in compilation.ReferencedAssemblyNames)
            {
                if (Array.IndexOf(s_testFrameworkAssemblies, reference.Name) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
