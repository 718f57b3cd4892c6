using Onboarding.Identity;

namespace Onboarding.Customers;

/// <summary>What partner clients and operators see of a customer.</summary>
/// <param name="RoleVerifiedAt">When the role was last proven with STS (assumed with the external id, refused without it).</param>
/// <param name="RoleHealth">For an Active customer, what the last check of its role found.</param>
/// <param name="RoleCheck">The last check of the role, whatever it found, with the reason the customer was given.</param>
/// <param name="PageUrl">The customer's onboarding page (the launch link's token): the link to send the customer.</param>
/// <param name="Notifications">The latest partner notifications published about the customer, oldest first (bounded).</param>
/// <param name="TemplateVersion">The template version the customer's stack runs, as its last Create or Update reported it.</param>
/// <param name="Outdated">Active, and the stack runs an older template than the one the service offers now.</param>
/// <param name="UpdateUrl">While outdated: the stable update link (the console's update-stack page with the new template).</param>
/// <param name="OrganizationId">Set when the customer onboarded as part of an organization onboarding (a member, or its management account).</param>
[GenerateSerializer, Immutable, Alias("Onboarding.OnboardingView")]
public sealed record OnboardingView(
    string AccountId,
    OnboardingState State,
    string ExternalId,
    string Region,
    string? Reference,
    string? TopicArn,
    Uri? LaunchUrl,
    DateTimeOffset? LaunchUrlExpiresAt,
    string? RoleArn,
    bool RoleUsable,
    string? StackId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    int PromptCount,
    DateTimeOffset? LastPromptAt,
    IReadOnlyList<TransitionRecord> History,
    DateTimeOffset? RoleVerifiedAt = null,
    RoleHealth RoleHealth = RoleHealth.Unknown,
    RoleVerification? RoleCheck = null,
    Uri? PageUrl = null,
    IReadOnlyList<SentNotification>? Notifications = null,
    string? TemplateVersion = null,
    bool Outdated = false,
    Uri? UpdateUrl = null,
    string? OrganizationId = null);
