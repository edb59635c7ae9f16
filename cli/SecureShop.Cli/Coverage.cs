using System.Globalization;

namespace SecureShop.Cli;

/// <summary>How much of one project (or one changed file) the scan really analysed (CLI.md, exit code 3).</summary>
internal enum CoverageState
{
    /// <summary>Loaded, compiled with every reference resolved, analysed.</summary>
    Analysed,

    /// <summary>Analysed, but some documents do not compile (syntax errors, a wrong encoding): findings there may be missing.</summary>
    CompileErrors,

    /// <summary>Analysed against missing references (packages that did not restore, unresolved type names): findings may be missing.</summary>
    UnresolvedReferences,

    /// <summary>The project did not load: nothing of it was analysed.</summary>
    NotLoaded,

    /// <summary>A changed C# file that belongs to no loaded project: nobody analysed it.</summary>
    UnanalysedChange,
}

/// <summary>One line of the completeness report: what was not fully analysed and why. <see cref="Subject"/> is a project name or a path.</summary>
internal sealed record Coverage(string Subject, CoverageState State, string Detail)
{
    /// <summary>Exit code 3 unless --allow-partial: the gate would judge code it did not see.</summary>
    public bool IsIncomplete => State is CoverageState.UnresolvedReferences or CoverageState.NotLoaded or CoverageState.UnanalysedChange;

    /// <summary>Anything short of a full analysis (SARIF executionSuccessful is false).</summary>
    public bool IsPartial => State != CoverageState.Analysed;

    public Level Level => IsIncomplete ? Level.Error : IsPartial ? Level.Warning : Level.Note;

    public string Id => State switch
    {
        CoverageState.CompileErrors => "compile-errors",
        CoverageState.UnresolvedReferences => "unresolved-references",
        CoverageState.NotLoaded => "project-not-loaded",
        CoverageState.UnanalysedChange => "changed-file-not-analysed",
        _ => "analysed",
    };

    /// <summary>One short line: "Api: analysed with unresolved references (2 missing packages: A, B)".</summary>
    public string Describe() => State switch
    {
        CoverageState.CompileErrors => $"{Subject}: analysed with compile errors ({Detail})",
        CoverageState.UnresolvedReferences => $"{Subject}: analysed with unresolved references ({Detail})",
        CoverageState.NotLoaded => $"{Subject}: not loaded ({Detail})",
        CoverageState.UnanalysedChange => $"{Subject}: changed, but in no loaded project, so not analysed{(Detail.Length > 0 ? $" ({Detail})" : "")}",
        _ => $"{Subject}: analysed",
    };

    public static string Count(int n, string singular, string plural) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? singular : plural)}");
}
