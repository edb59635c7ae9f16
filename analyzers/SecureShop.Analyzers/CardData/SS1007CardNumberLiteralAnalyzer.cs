using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SecureShop.Analyzers.Recognition;

namespace SecureShop.Analyzers.CardData
{
    /// <summary>
    /// SS1007: a string or numeric literal that is a real-looking card number (13-19 digits,
    /// Luhn-valid, known issuer prefix). In test projects the networks' published test numbers are fine.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    public sealed class SS1007CardNumberLiteralAnalyzer : DiagnosticAnalyzer
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } =
            ImmutableArray.Create(Descriptors.SS1007CardNumberLiteral);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                bool isTestProject = TestCode.IsTestProject(start.Compilation, start.Options);
                start.RegisterSyntaxNodeAction(
                    c => AnalyzeToken(c, ((LiteralExpressionSyntax)c.Node).Token, isTestProject),
                    SyntaxKind.StringLiteralExpression,
                    SyntaxKind.NumericLiteralExpression,
                    SyntaxKind.Utf8StringLiteralExpression);
                start.RegisterSyntaxNodeAction(
                    c => AnalyzeToken(c, ((InterpolatedStringTextSyntax)c.Node).TextToken, isTestProject),
                    SyntaxKind.InterpolatedStringText);
            });
        }

        private static void AnalyzeToken(SyntaxNodeAnalysisContext context, SyntaxToken token, bool isTestProject)
        {
            // Cheapest checks first: most literals are short or not numeric at all.
            if (token.ValueText.Length < 13 && token.Text.Length < 13)
            {
                return;
            }

            string text = token.Value switch
            {
                string s => s,
                long l => l.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ulong ul => ul.ToString(System.Globalization.CultureInfo.InvariantCulture),
                decimal m => m.ToString(System.Globalization.CultureInfo.InvariantCulture),
                _ => token.ValueText,
            };

            foreach (var candidate in Candidates(text))
            {
                var digits = CardNumberText.TryGetDigits(candidate);
                if (digits is null || (isTestProject && CardNumberText.IsKnownTestNumber(digits)))
                {
                    continue;
                }

                context.ReportDiagnostic(Diagnostic.Create(Descriptors.SS1007CardNumberLiteral, token.GetLocation(), Mask.CardNumber(digits)));
                return;
            }
        }

        /// <summary>The literal itself, and each run of digits/separators inside longer text ("card 4111 1111 1111 1111 declined").</summary>
        private static System.Collections.Generic.IEnumerable<string> Candidates(string text)
        {
            yield return text;
            int i = 0;
            while (i < text.Length)
            {
                if (!char.IsDigit(text[i]))
                {
                    i++;
                    continue;
                }

                int start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || ((text[i] == ' ' || text[i] == '-') && i + 1 < text.Length && char.IsDigit(text[i + 1]))))
                {
                    i++;
                }

                if (start > 0 || i < text.Length)
                {
                    bool wordBefore = start > 0 && char.IsLetterOrDigit(text[start - 1]);
                    bool wordAfter = i < text.Length && char.IsLetterOrDigit(text[i]);
                    if (!wordBefore && !wordAfter)
                    {
                        yield return text.Substring(start, i - start);
                    }
                }
            }
        }
    }
}
