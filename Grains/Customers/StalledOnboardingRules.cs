using Onboarding.Customers;

namespace Onboarding.Grains.Customers;

/// <summary>What a schedule tick should do now.</summary>
public enum StalledAction
{
    /// <summary>Not in flight any more: drop the reminder.</summary>
    Stop,
    /// <summary>Nothing due yet.</summary>
    Wait,
    /// <summary>A start was interrupted: finish its steps.</summary>
    ResumePending,
    Reprompt,
    Abandon,
    /// <summary>An activation's answer was not accepted before CloudFormation stopped waiting: back to Templated.</summary>
    ExpireAnswer,
}

/// <summary>The decision of a tick and, when waiting, the next moment something is due.</summary>
public sealed record StalledDecision(StalledAction Action, DateTimeOffset? NextDueAt);

/// <summary>
/// Re-prompt and abandonment, decided only from persisted timestamps (pure): a late tick does what
/// is due once, a repeated tick finds nothing due, and a missed tick is made up by the next one.
/// </summary>
public static class StalledOnboardingRules
{
    public static StalledDecision Decide(CustomerState state, StalledOnboardingOptions options, DateTimeOffset now)
    {
        if (state.State == OnboardingState.Activating)
        {
            return state.AwaitingAcceptance is { } awaited && now < awaited.AnswerBy
                ? new(StalledAction.Wait, awaited.AnswerBy)
                : new(StalledAction.ExpireAnswer, null);
        }
        if (state.State is not (OnboardingState.Pending or OnboardingState.Templated))
            return new(StalledAction.Stop, null);
        // A member's stack instance belongs to the StackSet: no link of its own to prompt with, nothing to abandon.
        if (state.IsOrganizationMember) return new(StalledAction.Stop, null);

        var abandonAt = state.StartedAt + options.AbandonAfter;
        if (now >= abandonAt) return new(StalledAction.Abandon, null);
        if (state.State == OnboardingState.Pending) return new(StalledAction.ResumePending, abandonAt);

        var repromptAt = NextRepromptAt(state, options);
        if (repromptAt is { } due && now >= due) return new(StalledAction.Reprompt, null);
        return new(StalledAction.Wait, repromptAt is { } next && next < abandonAt ? next : abandonAt);
    }

    /// <summary>When the next re-prompt is due, or null when all were sent.</summary>
    public static DateTimeOffset? NextRepromptAt(CustomerState state, StalledOnboardingOptions options) =>
        state.PromptCount >= options.MaxReprompts ? null
        : state.LastPromptAt is { } last ? last + options.RepromptInterval
        : state.StateSince + options.RepromptAfter;
}
