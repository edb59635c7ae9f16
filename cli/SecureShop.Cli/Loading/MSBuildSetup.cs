using Microsoft.Build.Locator;

namespace SecureShop.Cli.Loading;

/// <summary>
/// Finds the .NET SDK's MSBuild and registers it. This must run before any type that touches MSBuild is
/// loaded, so Program calls it first and keeps MSBuild-using code in other methods. The SDK is the one the
/// scanned code asks for: its global.json, found from the scanned path, as `dotnet build` there would.
/// </summary>
internal static class MSBuildSetup
{
    public static string Register(string scannedPath)
    {
        if (MSBuildLocator.IsRegistered)
        {
            return "registered";
        }

        var full = Path.GetFullPath(scannedPath);
        var folder = Directory.Exists(full) ? full : Path.GetDirectoryName(full) ?? Directory.GetCurrentDirectory();
        if (!Directory.Exists(folder))
        {
            throw new UsageException($"'{scannedPath}' does not exist");
        }

        VisualStudioInstance? instance;
        try
        {
            instance = MSBuildLocator.QueryVisualStudioInstances(new VisualStudioInstanceQueryOptions
                {
                    DiscoveryTypes = DiscoveryType.DotNetSdk,
                    WorkingDirectory = folder,
                })
                .OrderByDescending(i => i.Version)
                .FirstOrDefault();
        }
        catch (InvalidOperationException e)
        {
            // hostfxr could not resolve an SDK for this folder: almost always a global.json that pins one not installed.
            var globalJson = GlobalJsonAbove(folder);
            throw new AnalysisUnavailableException(globalJson is null
                ? $"MSBuild was not found for {folder}: {e.Message} Install the .NET SDK or set DOTNET_ROOT."
                : $"the .NET SDK {RequestedVersion(globalJson)}that {globalJson} asks for is not installed, so MSBuild cannot load these projects. "
                  + "Install that SDK, or give the scan a global.json that names an installed one (`dotnet --list-sdks`; rollForward \"latestMajor\" accepts a newer one).");
        }

        if (instance is null)
        {
            throw new AnalysisUnavailableException(
                "MSBuild was not found: secureshop needs the .NET SDK (dotnet --list-sdks shows none it can use). Install the .NET SDK or set DOTNET_ROOT.");
        }

        MSBuildLocator.RegisterInstance(instance);
        return $"{instance.Name} {instance.Version} ({instance.MSBuildPath})";
    }

    private static string RequestedVersion(string globalJson)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(File.ReadAllText(globalJson), new System.Text.Json.JsonDocumentOptions { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.TryGetProperty("sdk", out var sdk) && sdk.TryGetProperty("version", out var version) && version.ValueKind == System.Text.Json.JsonValueKind.String
                ? version.GetString() + " "
                : "";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            return "";
        }
    }

    private static string? GlobalJsonAbove(string folder)
    {
        for (var dir = folder; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            var candidate = Path.Combine(dir, "global.json");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
