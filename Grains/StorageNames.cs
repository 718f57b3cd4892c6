namespace Onboarding.Grains;

/// <summary>Names of the grain storage providers the grains persist through (the silo registers them).</summary>
public static class StorageNames
{
    public const string Onboarding = "onboarding";
}
