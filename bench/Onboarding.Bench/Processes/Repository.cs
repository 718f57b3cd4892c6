namespace Onboarding.Bench.Processes;

/// <summary>Where the bench finds the repository's scripts and the API it starts (built with the bench).</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>Release or Debug: the configuration this bench was built in, so the API matches it.</summary>
    public static string Configuration { get; } = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;

    public static string ApiAssembly => Path.Combine(Root, "Api", "bin", Configuration, "net10.0", "Onboarding.Api.dll");

    public static string SiloContentRoot => Path.Combine(Root, "Silo");

    public static string ApiContentRoot => Path.Combine(Root, "Api");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Onboarding.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Onboarding.sln not found above " + AppContext.BaseDirectory);
    }
}
