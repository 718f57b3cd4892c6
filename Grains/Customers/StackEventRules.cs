using Onboarding.Customers;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Templates;
using static Onboarding.Grains.Events.CustomResourceChecks;

namespace Onboarding.Grains.Customers;

/// <summary>
/// How a customer answers each custom-resource request, in one place (pure: state and request in,
/// decision out). Deletes that are not this customer's live resource always succeed without effect,
/// so a stack deletion never hangs and never undoes what another stack set up.
/// </summary>
public static class StackEventRules
{
    public const string RoleReplacedReason =
        "the update would replace the role the partner uses; keep the role's name and path as the template has them (update with the partner's template)";

    /// <param name="accountId">The grain's account (the state of a never-onboarded account has none).</param>
    public static StackEventDecision Decide(string accountId, CustomerState state, CustomResourceRequest request, string resourceType)
    {
        var thisStacksId = PhysicalResourceIds.For(accountId, request.StackId);
        return request.RequestType switch
        {
            Delete => DecideDelete(state, request, resourceType, request.PhysicalResourceId ?? thisStacksId),
            Create => DecideCreate(state, request, resourceType, thisStacksId),
            Update => DecideUpdate(state, request, resourceType, request.PhysicalResourceId ?? thisStacksId),
            _ => Failed(RequestTypeReason, request.PhysicalResourceId ?? thisStacksId, $"request type '{request.RequestType}'"),
        };
    }

    private static StackEventDecision DecideCreate(CustomerState state, CustomResourceRequest request, string resourceType, string physicalId)
    {
        if (state.State == OnboardingState.None)
            return Failed("no onboarding was started for this account", physicalId, "create for an account with no onboarding");
        if (Verify(state, request, resourceType) is { } refused)
            return refused with { PhysicalResourceId = physicalId };

        return state.State switch
        {
            OnboardingState.Templated => new(StackEventEffect.Activate, true, null, physicalId, null),
            // The same stack's resource again (e.g. an answer that got lost): same id, nothing new.
            OnboardingState.Active when state.StackId == request.StackId => new(StackEventEffect.None, true, null, state.PhysicalResourceId!, null),
            OnboardingState.Active => Failed("the account is already onboarded by another stack", physicalId, null),
            // Another Create while the first one's answer awaits acceptance: only that one can activate.
            OnboardingState.Activating => Failed("the account's onboarding is completing with another request; wait for it", physicalId, null),
            OnboardingState.Removed => Failed("onboarding expired or was removed; start again", physicalId, null),
            _ => Failed("the onboarding is not ready for a stack yet; start again", physicalId, null),
        };
    }

    private static StackEventDecision DecideUpdate(CustomerState state, CustomResourceRequest request, string resourceType, string physicalId)
    {
        if (!IsLiveResource(state, request))
            return Failed("the resource is not active for this stack", physicalId, null);
        if (Verify(state, request, resourceType) is { } refused)
            return refused with { PhysicalResourceId = state.PhysicalResourceId! };
        // The partner's access is this role with this external id: an update keeps both (the external id is checked above).
        if (!string.Equals(request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.RoleArn), state.RoleArn, StringComparison.Ordinal))
            return Failed(RoleReplacedReason, state.PhysicalResourceId!, null);
        return new(StackEventEffect.UpdateRole, true, null, state.PhysicalResourceId!, null);
    }

    private static StackEventDecision DecideDelete(CustomerState state, CustomResourceRequest request, string resourceType, string physicalId)
    {
        if (IsOffBoardedStack(state, request) && request.PhysicalResourceId == state.PhysicalResourceId)
        {
            return Verify(state, request, resourceType) is { } forged
                ? forged with { PhysicalResourceId = physicalId }
                : new(StackEventEffect.ReleaseTopic, true, null, physicalId, null);
        }
        if (!IsLiveResource(state, request) || request.PhysicalResourceId != state.PhysicalResourceId)
            return new(StackEventEffect.None, true, null, physicalId, null);
        // The live resource can only be removed by a request that proves it belongs to this onboarding.
        if (Verify(state, request, resourceType) is { } refused)
            return refused with { PhysicalResourceId = physicalId };
        return new(StackEventEffect.Remove, true, null, physicalId, null);
    }

    private static bool IsOffBoardedStack(CustomerState state, CustomResourceRequest request) =>
        state is { State: OnboardingState.Removed, AwaitingStackDelete: true } && string.Equals(state.StackId, request.StackId, StringComparison.Ordinal);

    private static bool IsLiveResource(CustomerState state, CustomResourceRequest request) =>
        state.State == OnboardingState.Active && string.Equals(state.StackId, request.StackId, StringComparison.Ordinal);

    /// <summary>Null when the request belongs to this onboarding; otherwise a FAILED decision.</summary>
    private static StackEventDecision? Verify(CustomerState state, CustomResourceRequest request, string resourceType)
    {
        var expected = new ExpectedCustomer(
            state.AccountId, state.ExternalId, state.OnboardingToken, resourceType,
            IsOwnTopic: topic => string.Equals(topic, state.TopicArn, StringComparison.Ordinal));
        var check = CustomResourceChecks.Verify(request, expected);
        return check.Passed ? null : Failed(check.PublicReason ?? MismatchReason, "", check.SecurityDetail);
    }

    private static StackEventDecision Failed(string reason, string physicalId, string? securityDetail) =>
        new(StackEventEffect.None, false, reason, physicalId, securityDetail);
}
