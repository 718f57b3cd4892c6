namespace Onboarding.Whitelist;

/// <summary>What a topic's policy grain did with an account.</summary>
[GenerateSerializer, Alias("Onboarding.WhitelistOutcome")]
public enum WhitelistOutcome
{
    Added = 0,
    AlreadyPresent = 1,
    /// <summary>The topic's policy has no room left: the caller must use another topic.</summary>
    TopicFull = 2,
    Removed = 3,
    NotPresent = 4,
}
