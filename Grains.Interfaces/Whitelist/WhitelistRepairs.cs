namespace Onboarding.Whitelist;

/// <summary>What one reconciliation pass fixed: policy entries restored and removed, over how many topics.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.WhitelistRepairs")]
public sealed record WhitelistRepairs(int Topics, int Restored, int Removed)
{
    public WhitelistRepairs Plus(WhitelistRepairs other) =>
        new(Topics + other.Topics, Restored + other.Restored, Removed + other.Removed);
}
