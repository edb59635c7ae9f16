using System.Diagnostics;
using System.Reflection;
using System.Text;

namespace SecureShop.Cli.Tests.Infrastructure;

/// <summary>Runs the built `secureshop` as a separate process, as CI would.</summary>
internal static class Secureshop
{
    public sealed record Result(int ExitCode, string Output, string Error)
    {
        public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}\n--- stderr\n{Error}";
    }

    private static string Metadata(string key) =>
        typeof(Secureshop).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static string RepositoryRoot => Metadata("RepositoryRoot");

    public static Result Run(string directory, params string[] args) => Run(directory, new Dictionary<string, string?>(), args);

    public static Result Run(string directory, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Metadata("Cli"));
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase) || k == "DOTNET_HOST_PATH").ToList())
        {
            start.Environment.Remove(key);
        }

        // A CI system's variables on this machine must not change what the tests mean.
        foreach (var ci in new[] { "GITHUB_BASE_REF", "SYSTEM_PULLREQUEST_TARGETBRANCH", "CI_MERGE_REQUEST_DIFF_BASE_SHA", "BITBUCKET_PR_DESTINATION_BRANCH" })
        {
            start.Environment.Remove(ci);
        }

        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(5)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"secureshop {string.Join(' ', args)} did not finish in 5 minutes");
        }

        return new Result(process.ExitCode, output.Result, error.Result);
    }
}
