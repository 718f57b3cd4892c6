namespace Onboarding.Whitelist;

/// <summary>
/// Assigns customer accounts to the event topics of one region (key: the region name) and opens a
/// new topic when the current one is full.
/// </summary>
public interface IRegionTopicsGrain : IGrainWithStringKey
{
    /// <summary>Whitelists the account on a topic of the region with room left; returns that topic's ARN.</summary>
    Task<string> Whitelist(string accountId);

    /// <summary>The region's topics, oldest first.</summary>
    Task<IReadOnlyList<string>> GetTopics();
}
