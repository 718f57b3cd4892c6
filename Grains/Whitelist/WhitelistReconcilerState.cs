namespace Onboarding.Grains.Whitelist;

/// <summary>When the last periodic reconciliation pass started, so a restart neither skips nor repeats one.</summary>
[GenerateSerializer, Alias("Onboarding.WhitelistReconcilerState")]
public sealed class WhitelistReconcilerState
{
    [Id(0)] public DateTimeOffset? LastPassAt { get; set; }
}
