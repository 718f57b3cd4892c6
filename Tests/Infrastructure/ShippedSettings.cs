using Microsoft.Extensions.Configuration;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The settings files that ship with the silo and the API, read from the repository: the build output
/// holds only one appsettings.json for both, so the tests never take them from there.
/// </summary>
public static class ShippedSettings
{
    private const string FileName = "appsettings.json";

    public static string SiloDirectory { get; } = Path.Combine(LocalAwsStandIns.RepositoryRoot, "Silo");
    public static string ApiDirectory { get; } = Path.Combine(LocalAwsStandIns.RepositoryRoot, "Api");
    public static string SiloFile { get; } = Path.Combine(SiloDirectory, FileName);
    public static string ApiFile { get; } = Path.Combine(ApiDirectory, FileName);

    /// <summary>Silo/appsettings.json alone.</summary>
    public static IConfigurationRoot Silo() => new ConfigurationBuilder().AddJsonFile(SiloFile, optional: false, reloadOnChange: false).Build();

    /// <summary>Api/appsettings.json alone.</summary>
    public static IConfigurationRoot Api() => new ConfigurationBuilder().AddJsonFile(ApiFile, optional: false, reloadOnChange: false).Build();

    /// <summary>
    /// The index just past a shipped list (e.g. "Events:AllowedResponseUrlOrigins"), where a local
    /// run appends an entry without replacing one that ships.
    /// </summary>
    public static int NextIndex(IConfiguration shipped, string listKey) => shipped.GetSection(listKey).GetChildren().Count();
}
