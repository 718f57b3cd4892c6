using Onboarding.Customers;
using Onboarding.Organizations;

namespace Onboarding.Grains.Customers;

public static partial class CustomerWorkflow
{
    /// <summary>
    /// The management account of an organization onboarding: started as a single account is (its launch link, its page,
    /// its prompts), but with the organization's secrets and topic, and the management template (the StackSet) as its
    /// template. Resumes the same organization's attempt; refused while the account is onboarded otherwise.
    /// </summary>
    public static Decision<StartReply> StartOrganizationManagement(
        CustomerState state, string accountId, OrganizationAttempt attempt, AttemptSecrets secrets, DateTimeOffset now, WorkflowOptions options)
    {
        var command = new StartOnboardingCommand(attempt.Region, attempt.Reference);
        if (state.State is OnboardingState.None or OnboardingState.Removed)
            return !options.Onboarding.AllowedRegions.Contains(attempt.Region)
                ? Refuse(state, RefusalKind.RegionNotAllowed, $"Region '{attempt.Region}' is not offered; use one of: {string.Join(", ", options.Onboarding.AllowedRegions)}.")
                : BeginAttempt(state, accountId, command, secrets, attempt.TopicArn, now, options, attempt);
        if (state.Organization?.OrganizationId != attempt.Organization.OrganizationId)
            return Refuse(state, RefusalKind.InvalidTransition, state.Organization is { } other
                ? $"The management account {accountId} is onboarding with organization {other.OrganizationId}; off-board that one first."
                : $"The management account {accountId} is onboarded on its own ({state.State}); off-board it before onboarding its organization.");
        // The same organization's attempt: resumed while in flight, left as it is once its stack reported.
        return state.State is OnboardingState.Activating or OnboardingState.Active
            ? new(state, null, new(null, Created: false), Write: false)
            : Start(state, accountId, command, secrets, currentTopic: null, now, options);
    }

    /// <summary>
    /// A member account's stack instance reported its Create and passed the organization's checks: its customer is
    /// created (or found), linked to the organization, on the organization's topic and waiting for that Create
    /// (Templated: the StackSet launched the template, there is no link of its own). An account onboarded on its own,
    /// or with another organization, keeps that onboarding: refused.
    /// </summary>
    public static Decision<CommandRefusal?> JoinOrganization(
        CustomerState state, string accountId, OrganizationAttempt attempt, AttemptSecrets secrets, DateTimeOffset now, WorkflowOptions options)
    {
        if (state.State is not (OnboardingState.None or OnboardingState.Removed))
        {
            return state.Organization?.OrganizationId == attempt.Organization.OrganizationId
                ? new(state, null, null, Write: false)
                : new(state, null, new CommandRefusal(RefusalKind.InvalidTransition, state.State, OrganizationRefusals.OnboardedOnItsOwn), Write: false);
        }
        var (begun, started, _, _) = BeginAttempt(state, accountId, new StartOnboardingCommand(attempt.Region, attempt.Reference), secrets, attempt.TopicArn, now, options, attempt);
        // The template is the StackSet's: nothing to upload, no link to hand out. The start is the move counted (metrics).
        begun.Effects.RemoveAll(e => e is PublishTemplate);
        begun.TemplateKey = null;
        Move(begun, OnboardingTrigger.TemplatePublished, $"member of organization {attempt.Organization.OrganizationId}: its stack instance reported", now, options.Onboarding);
        return new(begun, started, null, Write: true);
    }
}
