using Onboarding.Customers;
using Onboarding.Identity;

namespace Onboarding.CustomerPages;

/// <summary>
/// What the customer's onboarding page (<c>/onboard/{token}</c>) shows of its own onboarding, to the holder of the
/// link's token only. Nothing beyond what the customer's template already holds: never the onboarding token the
/// template passes back, never the template's object key, nothing of other accounts.
/// </summary>
/// <param name="ExternalId">The external id the role's trust policy requires (it is in the customer's template too).</param>
/// <param name="LinkStatus">Whether the launch link opens the console now (Ready), or why not.</param>
/// <param name="LinkReason">Why the launch link does not open the console, in the launch link's own words.</param>
/// <param name="LinkExpiresAt">Until when the launch link works, while Templated.</param>
/// <param name="StackReportedAt">When the stack's Create was accepted for this attempt (the stack exists).</param>
/// <param name="ConnectedAt">When CloudFormation accepted the service's answer: the role is the partner's to use.</param>
/// <param name="RoleArn">The role the stack created, once reported.</param>
/// <param name="RoleCheck">The last check of the role with STS, whatever it found (a failed one carries the reason the stack was told).</param>
/// <param name="LastSetback">The latest move back of this attempt (a role rejected, an answer CloudFormation stopped waiting for), when it is the latest move.</param>
/// <param name="EndedReason">Why the onboarding ended, once Removed.</param>
/// <param name="UpdateAvailable">Active, and the stack runs an older template than the one offered: the update link opens the console's update page.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.OnboardingPageView")]
public sealed record OnboardingPageView(
    [property: Id(0)] string AccountId,
    [property: Id(1)] string Region,
    [property: Id(2)] OnboardingState State,
    [property: Id(3)] string ExternalId,
    [property: Id(4)] LaunchLinkStatus LinkStatus,
    [property: Id(15)] string? LinkReason,
    [property: Id(5)] DateTimeOffset? LinkExpiresAt,
    [property: Id(6)] DateTimeOffset? StackReportedAt,
    [property: Id(7)] DateTimeOffset? ConnectedAt,
    [property: Id(8)] string? RoleArn,
    [property: Id(9)] DateTimeOffset? RoleVerifiedAt,
    [property: Id(10)] RoleHealth RoleHealth,
    [property: Id(11)] RoleVerification? RoleCheck,
    [property: Id(12)] TransitionRecord? LastSetback,
    [property: Id(13)] string? EndedReason,
    [property: Id(14)] string StackName,
    [property: Id(16)] bool UpdateAvailable = false)
{
    // Printed records end up in logs: the external id stays out of them.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"AccountId = {AccountId}, Region = {Region}, State = {State}");
        return true;
    }
}
