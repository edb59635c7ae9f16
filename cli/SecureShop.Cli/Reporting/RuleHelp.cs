using System.Reflection;

namespace SecureShop.Cli.Reporting;

/// <summary>The rule pages (rules/SSxxxx.md), embedded at build time: SARIF help text and markdown.</summary>
internal static class RuleHelp
{
    public static string? Markdown(string ruleId)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream($"rules/{ruleId}.md");
        if (stream is null)
        {
            return null;
        }

        using var reader = new StreamReader(stream);
        return reader.ReadToEnd().ReplaceLineEndings("\n");
    }

    /// <summary>The page as plain text: markdown marks that hurt reading are dropped, the words stay.</summary>
    public static string PlainText(string markdown)
    {
        var lines = markdown.Split('\n')
            .Where(l => !l.StartsWith("```", StringComparison.Ordinal) && !l.StartsWith("|---", StringComparison.Ordinal))
            .Select(l => l.TrimStart('#', ' ').Replace("**", "", StringComparison.Ordinal).Replace("`", "", StringComparison.Ordinal));
        return string.Join('\n', lines).Trim();
    }
}
