using Onboarding.Customers;

namespace Onboarding.Grains.Notifications;

/// <summary>Kinds of events the partner's systems receive on the notifications topic.</summary>
public static class PartnerNotificationTypes
{
    public const string CustomerActivated = "CustomerActivated";
    public const string CustomerRoleUpdated = "CustomerRoleUpdated";
    public const string CustomerRemoved = "CustomerRemoved";
    public const string OnboardingStalled = "OnboardingStalled";
    public const string OnboardingAbandoned = "OnboardingAbandoned";
    public const string CustomerRoleDegraded = "CustomerRoleDegraded";
    public const string CustomerRoleRecovered = "CustomerRoleRecovered";
    /// <summary>The customer's stack runs an older template than the one offered now: <see cref="PartnerNotification.UpdateUrl"/> updates it.</summary>
    public const string CustomerTemplateOutdated = "CustomerTemplateOutdated";
}

/// <summary>
/// One event for the partner's systems, published as JSON. EventId lets receivers drop the duplicates
/// that at-least-once publishing can produce; SchemaVersion grows only with incompatible changes.
/// </summary>
[GenerateSerializer, Alias("Onboarding.PartnerNotification")]
public sealed record PartnerNotification
{
    public const int CurrentSchemaVersion = 1;

    [Id(0)] public int SchemaVersion { get; init; } = CurrentSchemaVersion;
    [Id(1)] public required string EventId { get; init; }
    [Id(2)] public required string Type { get; init; }
    [Id(3)] public required string AccountId { get; init; }
    [Id(4)] public string? Reference { get; init; }
    [Id(5)] public string? RoleArn { get; init; }
    [Id(6)] public string? StackId { get; init; }
    [Id(7)] public string? Reason { get; init; }
    [Id(8)] public required DateTimeOffset OccurredAt { get; init; }
    /// <summary>
    /// With OnboardingStalled: the customer's stable launch link (working at least until the next prompt)
    /// to send the customer, and which prompt this is.
    /// </summary>
    [Id(9)] public Uri? LaunchUrl { get; init; }
    [Id(10)] public int? Prompt { get; init; }
    /// <summary>When the customer's role was last proven with STS (assumed with the external id, refused without it).</summary>
    [Id(11)] public DateTimeOffset? RoleVerifiedAt { get; init; }
    /// <summary>With <see cref="LaunchUrl"/>: the customer's onboarding page (same token), which explains the request and shows its progress.</summary>
    [Id(12)] public Uri? PageUrl { get; init; }
    /// <summary>
    /// With CustomerTemplateOutdated: the customer's stable update link (the console's update-stack page for its stack with
    /// the current template; best effort, see the README for the written steps).
    /// </summary>
    [Id(13)] public Uri? UpdateUrl { get; init; }
    /// <summary>With CustomerTemplateOutdated: the template version the customer's stack runs, and the one offered now.</summary>
    [Id(14)] public string? TemplateVersion { get; init; }
    [Id(15)] public string? OfferedVersion { get; init; }
    /// <summary>Set when the customer onboarded as part of an organization onboarding (a member, or the management account).</summary>
    [Id(16)] public string? OrganizationId { get; init; }
}
