using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Organizations;

namespace Onboarding.Grains.Organizations;

/// <summary>One organization decision: the next state (a copy), the reply, and whether it must be written before anyone hears of it.</summary>
public sealed record OrganizationDecision<TReply>(OrganizationState State, TReply Reply, bool Write);

/// <summary>A start's outcome: refused, or going on (<paramref name="Created"/>: a new attempt began).</summary>
public sealed record OrganizationStartReply(CommandRefusal? Refusal, bool Created);

/// <summary>What the checks made of a request from the organization's template: the account it admits, or why not.</summary>
public sealed record MemberAdmission(string? AccountId, OrganizationMemberKind? Kind, string? Reason, string? SecurityDetail)
{
    public bool Admitted => AccountId is not null;
}

/// <summary>The secrets of a new organization onboarding (CSPRNG; see <see cref="Customers.SecureTokens"/>).</summary>
public sealed record OrganizationSecrets(string ExternalId, string OrganizationToken);

/// <summary>
/// The organization onboarding, pure: state, command and time in; an <see cref="OrganizationDecision{TReply}"/> out, with
/// what is left to do as <see cref="OrganizationEffect"/>s in the next state. States: None → Onboarding → Removed (→
/// Onboarding again with a new start).
/// </summary>
public static class OrganizationWorkflow
{
    public const string NotStartedReason = "no onboarding was started for this organization";
    public const string RemovedReason = "the organization's onboarding was removed; start again";

    /// <summary>Start, or resume the onboarding in flight (same management account, region, targets and reference).</summary>
    public static OrganizationDecision<OrganizationStartReply> Start(
        OrganizationState state, string organizationId, StartOrganizationCommand command, OrganizationSecrets secrets, string currentTopic, DateTimeOffset now)
    {
        if (state.State == OrganizationOnboardingState.Onboarding)
        {
            var conflict =
                state.ManagementAccountId != command.ManagementAccountId ? (RefusalKind.InvalidTransition, $"Organization {organizationId} is onboarding with management account {state.ManagementAccountId}.")
                : state.Region != command.Region ? (RefusalKind.RegionMismatch, $"Organization {organizationId} is onboarding in region {state.Region}; one region per organization onboarding (IAM roles are global).")
                : !state.DeploymentTargets.SequenceEqual(command.DeploymentTargets) ? (RefusalKind.InvalidTransition, $"Organization {organizationId} is onboarding with other deployment targets ({string.Join(", ", state.DeploymentTargets)}).")
                : command.Reference is not null && command.Reference != state.Reference ? (RefusalKind.ReferenceConflict, $"Organization {organizationId} is onboarding under another reference.")
                : ((RefusalKind, string)?)null;
            return conflict is var (kind, message)
                ? new(state, new(new CommandRefusal(kind, OnboardingState.None, message), Created: false), Write: false)
                : new(state, new(null, Created: false), Write: false);
        }

        var next = state.Copy();
        if (next.State == OrganizationOnboardingState.None)
        {
            next.OrganizationId = organizationId;
            next.CreatedAt = now;
        }
        // The template names its topic for life: a restart in the same region keeps it (earlier members' stacks still name it).
        next.TopicArn = next.State == OrganizationOnboardingState.Removed && next.Region == command.Region && next.TopicArn != "" ? next.TopicArn : currentTopic;
        next.State = OrganizationOnboardingState.Onboarding;
        next.Attempt++;
        next.ManagementAccountId = command.ManagementAccountId;
        next.Region = command.Region;
        next.Reference = command.Reference;
        next.DeploymentTargets = [.. command.DeploymentTargets];
        next.ExternalId = secrets.ExternalId;
        next.OrganizationToken = secrets.OrganizationToken;
        next.Members = [];
        next.UpdatedAt = now;
        // Before the template is out: a member's first Create must find its organization admitted on the topic.
        next.Effects.RemoveAll(e => e is DismissOrganization dismiss && dismiss.TopicArn == next.TopicArn);
        next.Effects.Add(new AdmitOrganization(next.TopicArn));
        return new(next, new(null, Created: true), Write: true);
    }

    /// <summary>
    /// A Create from a stack of the organization's template: checked as a single account's (StackId account, external id,
    /// organization token, role account, topic) and for naming this organization. A new member is recorded.
    /// </summary>
    public static OrganizationDecision<MemberAdmission> Admit(OrganizationState state, CustomResourceRequest request, string resourceType, DateTimeOffset now)
    {
        if (state.State != OrganizationOnboardingState.Onboarding)
        {
            var reason = state.State == OrganizationOnboardingState.None ? NotStartedReason : RemovedReason;
            return new(state, new(null, null, reason, null), Write: false);
        }
        var keys = new OrganizationOnboardingKeys(state.OrganizationId, state.ManagementAccountId, state.ExternalId, state.OrganizationToken, resourceType,
            topic => string.Equals(topic, state.TopicArn, StringComparison.Ordinal));
        var check = OrganizationMemberChecks.Verify(request, keys);
        if (!check.Passed)
            return new(state, new(null, null, check.Result.PublicReason ?? CustomResourceChecks.MismatchReason, check.Result.SecurityDetail), Write: false);

        var admitted = new MemberAdmission(check.AccountId, check.Kind, null, null);
        var index = state.Members.BinarySearch(check.AccountId!, StringComparer.Ordinal);
        if (check.Kind != OrganizationMemberKind.Member || index >= 0) return new(state, admitted, Write: false);
        var next = state.Copy();
        next.Members.Insert(~index, check.AccountId!);
        next.UpdatedAt = now;
        return new(next, admitted, Write: true);
    }

    /// <summary>
    /// Ends the onboarding: every member off-boarded (and the management account too when an operator ends it; when its
    /// stack was deleted, its customer is Removed already), the organization's statement off the topic.
    /// </summary>
    public static OrganizationDecision<bool> End(OrganizationState state, string reason, bool includingManagement, DateTimeOffset now)
    {
        if (state.State != OrganizationOnboardingState.Onboarding) return new(state, false, Write: false);
        var next = state.Copy();
        next.State = OrganizationOnboardingState.Removed;
        next.UpdatedAt = now;
        next.Effects.RemoveAll(e => e is AdmitOrganization);
        if (includingManagement) next.Effects.Add(new OffBoardAccount(next.ManagementAccountId, reason));
        next.Effects.AddRange(next.Members.Select(member => new OffBoardAccount(member, reason)));
        next.Effects.Add(new DismissOrganization(next.TopicArn));
        return new(next, true, Write: true);
    }

    /// <summary>An effect was done: drop it from the pending ones.</summary>
    public static OrganizationDecision<bool> EffectDone(OrganizationState state, OrganizationEffect effect, DateTimeOffset now)
    {
        var next = state.Copy();
        if (!next.Effects.Remove(effect)) return new(state, false, Write: false);
        next.UpdatedAt = now;
        return new(next, true, Write: true);
    }
}
