using Microsoft.Build.Locator;

namespace SecureShop.Cli.Loading;

/// <summary>
/// Finds the .NET SDK's MSBuild and registers it. This must run before any type that touches MSBuild is
/// loaded, so Program calls it first and keeps MSBuild-using code in other methods.
/// </summary>
internal static class MSBuildSetup
{
    public static string Register()
    {
        if (MSBuildLocator.IsRegistered)
        {
            return "registered";
        }

        var instance = MSBuildLocator.QueryVisualStudioInstances()
            .OrderByDescending(i => i.Version)
            .FirstOrDefault()
            ?? throw new AnalysisUnavailableException(
                "MSBuild was not found: secureshop needs the .NET SDK (dotnet --list-sdks shows none it can use). Install the .NET SDK or set DOTNET_ROOT.");
        MSBuildLocator.RegisterInstance(instance);
        return $"{instance.Name} {instance.Version} ({instance.MSBuildPath})";
    }
}
