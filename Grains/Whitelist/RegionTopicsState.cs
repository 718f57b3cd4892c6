namespace Onboarding.Grains.Whitelist;

/// <summary>The event topics of one region, oldest first; the last one takes new customers.</summary>
[GenerateSerializer, Alias("Onboarding.RegionTopicsState")]
public sealed class RegionTopicsState
{
    [Id(0)] public List<string> TopicArns { get; set; } = [];
}
