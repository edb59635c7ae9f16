using System.Text.RegularExpressions;
using SecureShop.Cli.Tests.Infrastructure;

namespace SecureShop.Cli.Tests;

/// <summary>
/// The pipelines in samples/ci run their shell steps for real (bash -eo pipefail, as the runners do), with a
/// stand-in `secureshop` that exits 0, 1, 2, 3 or crashes: each outcome gets its own message and fails the
/// pipeline with the scan's exit code, and only 1 speaks of findings.
/// </summary>
public class CiTemplateTests
{
    [TestCase("github-actions.yml")]
    [TestCase("github-actions-shards.yml")]
    [TestCase("azure-pipelines.yml")]
    [TestCase("gitlab-ci.yml")]
    public void EachExitCodeOfTheScanHasAMessageOfItsOwn(string template)
    {
        var blocks = ShellBlocks(File.ReadAllText(Path.Combine(Secureshop.RepositoryRoot, "samples", "ci", template)));
        var scanStep = blocks.Single(b => b.Contains("secureshop scan", StringComparison.Ordinal));
        var gateStep = blocks.Single(b => b.Contains("case \"$code\"", StringComparison.Ordinal));

        var messages = new Dictionary<int, string>();
        foreach (var code in new[] { 0, 1, 2, 3, 134 })
        {
            var (exit, output) = RunPipeline(scanStep, gateStep, code);
            Assert.That(exit, code switch { 0 => Is.Zero, 134 => Is.Not.Zero, _ => Is.EqualTo(code) }, $"{template}, secureshop exit {code}:\n{output}");
            messages[code] = output;
        }

        Assert.Multiple(() =>
        {
            Assert.That(messages.Values.Distinct().Count(), Is.EqualTo(messages.Count), $"{template}: one message per exit code:\n{string.Join("\n", messages.Values)}");
            Assert.That(messages[0], Does.Contain("no new finding"));
            Assert.That(messages[1], Does.Contain("new findings at or above --fail-on"));
            Assert.That(messages[2], Does.Contain("bad usage or configuration"));
            Assert.That(messages[3], Does.Contain("incomplete or could not run").And.Contain("--allow-partial"));
            Assert.That(messages[134], Does.Contain("exit code 134"));
            foreach (var code in new[] { 2, 3, 134 })
            {
                Assert.That(messages[code], Does.Not.Contain("found new").And.Not.Contain("security errors"), $"exit {code} is not about findings");
            }
        });
    }

    /// <summary>
    /// Runs the step that calls secureshop and the step that gates (the same step in Azure Pipelines and GitLab;
    /// two steps with the SARIF upload between them in GitHub Actions, joined by a step output). Returns the
    /// gate's exit code and what it printed.
    /// </summary>
    private static (int Exit, string Output) RunPipeline(string scanStep, string gateStep, int secureshopExit)
    {
        var work = Directory.CreateTempSubdirectory("secureshop-ci-").FullName;
        try
        {
            var bin = Directory.CreateDirectory(Path.Combine(work, "bin")).FullName;
            var fake = Path.Combine(bin, "secureshop");
            File.WriteAllText(fake, $"#!/bin/sh\necho \"secureshop stand-in: $*\" >&2\nexit {secureshopExit}\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(fake, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }

            var outputFile = Path.Combine(work, "github-output");
            var environment = new Dictionary<string, string?>
            {
                ["PATH"] = bin + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH"),
                ["HOME"] = work,
                ["GITHUB_STEP_SUMMARY"] = Path.Combine(work, "summary.md"),
                ["GITHUB_OUTPUT"] = outputFile,
            };

            var scan = RunStep(work, scanStep, environment);
            if (gateStep == scanStep)
            {
                return (scan.ExitCode, scan.Output);
            }

            Assert.That(scan.ExitCode, Is.Zero, "the scan step records the exit code and lets the SARIF upload run: " + scan);
            var recorded = Regex.Match(File.ReadAllText(outputFile), @"^exit-code=(\d+)$", RegexOptions.Multiline);
            Assert.That(recorded.Groups[1].Value, Is.EqualTo(secureshopExit.ToString(System.Globalization.CultureInfo.InvariantCulture)), "the step output carries the scan's exit code");
            environment["SCAN_EXIT_CODE"] = recorded.Groups[1].Value;
            var gate = RunStep(work, gateStep, environment);
            return (gate.ExitCode, gate.Output);
        }
        finally
        {
            Directory.Delete(work, recursive: true);
        }
    }

    private static ProcessRunner.Result RunStep(string work, string step, IReadOnlyDictionary<string, string?> environment)
    {
        // The CI system's own expressions: ${{ github.event_name }} (GitHub), $(Build.ArtifactStagingDirectory) (Azure).
        var script = Regex.Replace(step, @"\$\{\{[^}]*\}\}", "pull_request");
        script = Regex.Replace(script, @"\$\([A-Za-z]+\.[A-Za-z.]+\)", work);
        var file = Path.Combine(work, "step.sh");
        File.WriteAllText(file, script);
        return ProcessRunner.Run(work, "bash", ["--noprofile", "--norc", "-eo", "pipefail", file], environment);
    }

    /// <summary>The literal block scalars (<c>run: |</c>, <c>- script: |</c>, <c>- |</c>) of a YAML file: the multi-line shell steps.</summary>
    private static List<string> ShellBlocks(string yaml)
    {
        var lines = yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        var blocks = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (!Regex.IsMatch(lines[i], @"(:|^\s*-)\s+\|\s*$"))
            {
                continue;
            }

            int indent = -1;
            var body = new List<string>();
            for (int j = i + 1; j < lines.Length; j++)
            {
                var line = lines[j];
                if (line.Trim().Length == 0)
                {
                    body.Add("");
                    continue;
                }

                int lineIndent = line.Length - line.TrimStart(' ').Length;
                indent = indent < 0 ? lineIndent : indent;
                if (lineIndent < indent)
                {
                    break;
                }

                body.Add(line[indent..]);
            }

            blocks.Add(string.Join('\n', body).TrimEnd() + "\n");
        }

        return blocks;
    }
}
