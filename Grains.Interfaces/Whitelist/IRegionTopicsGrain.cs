namespace Onboarding.Whitelist;

/// <summary>
/// The event topics of one region (key: the region name): which one takes new customers, and the next one
/// once it is full. Choosing a topic is separate from joining it, so that a customer can record its topic
/// before its policy changes.
/// </summary>
public interface IRegionTopicsGrain : IGrainWithStringKey
{
    /// <summary>The topic that takes new customers (the first one is opened on demand).</summary>
    Task<string> CurrentTopic();

    /// <summary>
    /// The topic to try after <paramref name="fullTopic"/> turned out full: the current one when that is
    /// another topic, else a newly opened one.
    /// </summary>
    Task<string> NextTopic(string fullTopic);

    /// <summary>The region's topics, oldest first.</summary>
    Task<IReadOnlyList<string>> GetTopics();
}
