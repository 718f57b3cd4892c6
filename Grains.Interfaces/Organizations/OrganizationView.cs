using Onboarding.Customers;

namespace Onboarding.Organizations;

/// <summary>Where an organization onboarding stands.</summary>
[GenerateSerializer, Alias("Onboarding.OrganizationOnboardingState")]
public enum OrganizationOnboardingState
{
    None = 0,
    /// <summary>Started: the management template is offered, members onboard as their stack instances report.</summary>
    Onboarding = 1,
    /// <summary>Off-boarded: the management stack was deleted (or an operator ended it); every member was off-boarded.</summary>
    Removed = 2,
}

/// <summary>
/// An organization onboarding as the partner and operators see it. <see cref="Members"/> counts the member customers by
/// state (the management account's own customer is <see cref="Management"/>); <see cref="OnboardedOnTheirOwn"/> are member
/// accounts whose request came while they were onboarded on their own: they keep that onboarding.
/// </summary>
[GenerateSerializer, Immutable, Alias("Onboarding.OrganizationView")]
public sealed record OrganizationView(
    [property: Id(0)] string OrganizationId,
    [property: Id(1)] string ManagementAccountId,
    [property: Id(2)] OrganizationOnboardingState State,
    [property: Id(3)] string Region,
    [property: Id(4)] string? Reference,
    [property: Id(5)] string ExternalId,
    [property: Id(6)] string TopicArn,
    [property: Id(7)] IReadOnlyList<string> DeploymentTargets,
    [property: Id(8)] OnboardingView? Management,
    [property: Id(9)] Uri? LaunchUrl,
    [property: Id(10)] int MemberCount,
    [property: Id(11)] IReadOnlyDictionary<OnboardingState, int> Members,
    [property: Id(12)] IReadOnlyList<string> OnboardedOnTheirOwn,
    [property: Id(13)] DateTimeOffset CreatedAt,
    [property: Id(14)] DateTimeOffset UpdatedAt);

/// <summary>The outcome of an organization command: its view, or a typed refusal.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.OrganizationCommandResult")]
public sealed record OrganizationCommandResult(
    [property: Id(0)] OrganizationView? View,
    [property: Id(1)] bool Created,
    [property: Id(2)] CommandRefusal? Refusal)
{
    public static OrganizationCommandResult Done(OrganizationView view, bool created = false) => new(view, created, null);
    public static OrganizationCommandResult Refused(CommandRefusal refusal) => new(null, false, refusal);
}
