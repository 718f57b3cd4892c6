namespace Onboarding.Grains.Invitations;

/// <summary>The persisted record of one invitation (grain storage, serialized as JSON). The secret itself is never stored.</summary>
[GenerateSerializer, Alias("Onboarding.InvitationState")]
public sealed class InvitationState
{
    [Id(0)] public string Reference { get; set; } = "";
    [Id(1)] public string? Region { get; set; }
    [Id(2)] public DateTimeOffset CreatedAt { get; set; }
    [Id(3)] public DateTimeOffset ExpiresAt { get; set; }
    [Id(4)] public DateTimeOffset? UsedAt { get; set; }
    /// <summary>The account whose onboarding used the invitation.</summary>
    [Id(5)] public string? AccountId { get; set; }
}
