using Onboarding.CustomerPages;
using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.CustomerPages;

/// <summary>
/// What the customer's onboarding page shows, from the customer's record: pure. The same secret opens it as opens
/// the launch link, checked the same way first and alone (<see cref="LaunchLinkRules"/>): a wrong one learns nothing.
/// </summary>
public static class OnboardingPageRules
{
    public static OnboardingPageView? View(CustomerState state, string presentedSecret, DateTimeOffset now, OnboardingOptions options)
    {
        var link = LaunchLinkRules.Decide(state, presentedSecret, now);
        if (link == LaunchLinkStatus.Unknown) return null;
        var attempt = state.History.Where(h => h.At >= state.StartedAt).ToList();
        var latest = attempt.LastOrDefault();
        return new OnboardingPageView(
            state.AccountId,
            state.Region,
            state.State,
            state.ExternalId,
            link,
            link == LaunchLinkStatus.Ready ? null : LaunchLinkRules.Refusal(link, state).Reason,
            state.State == OnboardingState.Templated ? state.LaunchUrlExpiresAt : null,
            state.StackId is null ? null : attempt.LastOrDefault(h => h.Trigger == OnboardingTrigger.StackCreated)?.At,
            attempt.LastOrDefault(h => h.Trigger == OnboardingTrigger.AnswerAccepted)?.At,
            state.RoleArn,
            state.RoleVerifiedAt,
            state.Health,
            state.RoleCheck,
            latest is { Trigger: OnboardingTrigger.RoleRejected or OnboardingTrigger.AnswerNotAccepted } ? latest : null,
            state.State == OnboardingState.Removed ? latest?.Reason : null,
            StackName.ForCustomer(options.StackNamePrefix, state.AccountId),
            LaunchLinkRules.DecideUpdate(state, presentedSecret) == LaunchLinkStatus.Ready);
    }
}
