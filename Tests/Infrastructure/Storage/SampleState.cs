namespace Onboarding.Tests.Infrastructure.Storage;

public enum SampleStage
{
    Draft,
    Submitted,
    Approved,
}

public sealed record SampleItem(string Sku, int Quantity, DateTimeOffset? ShippedAt);

/// <summary>A state with the shapes real grain states use: nested list, enum, DateTimeOffset, nullables.</summary>
public sealed class SampleState
{
    public string Name { get; set; } = "";
    public SampleStage Stage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int? Score { get; set; }
    public string? Note { get; set; }
    public List<SampleItem> Items { get; set; } = [];
}
