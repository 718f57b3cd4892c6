namespace Onboarding.Customers;

/// <summary>What partner clients and operators see of a customer.</summary>
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
    IReadOnlyList<TransitionRecord> History);
