using System.Diagnostics;

namespace SecureShop.Cli.Tests.Infrastructure;

/// <summary>Runs a real command (dotnet, git, npm, the installed tool) and collects its output.</summary>
internal static class ProcessRunner
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    /// <summary>
    /// The test host's MSBuild variables never leak into the child, nor do a CI system's pull-request
    /// variables (they would change what "new code" means); <paramref name="environment"/> sets or removes (null) others.
    /// </summary>
    public static Result Run(string directory, string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromMinutes(5);
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        var inherited = start.Environment.Keys
            .Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH" ||
                        k is "GITHUB_BASE_REF" or "SYSTEM_PULLREQUEST_TARGETBRANCH" or "CI_MERGE_REQUEST_DIFF_BASE_SHA" or "BITBUCKET_PR_DESTINATION_BRANCH")
            .ToList();
        foreach (var key in inherited)
        {
            start.Environment.Remove(key);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(limit))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();

            // What it printed until then says whether it hung or was slow (a download, a lock).
            throw new TimeoutException(
                $"{file} {string.Join(' ', args)} did not finish in {limit.TotalMinutes:0} minutes\n--- stdout\n{Tail(output)}\n--- stderr\n{Tail(error)}");
        }

        process.WaitForExit();
        return new Result(process.ExitCode, output.Result, error.Result);
    }

    private static string Tail(Task<string> stream)
    {
        var text = stream.Wait(TimeSpan.FromSeconds(10)) ? stream.Result : "(not closed)";
        return text.Length <= 4000 ? text : "..." + text[^4000..];
    }

    /// <summary>Runs and asserts the exit code.</summary>
    public static Result Expect(int exitCode, string directory, string file, params string[] args)
    {
        var result = Run(directory, file, args);
        Assert.That(result.ExitCode, Is.EqualTo(exitCode), $"{file} {string.Join(' ', args)}:\n{result}");
        return result;
    }
}
