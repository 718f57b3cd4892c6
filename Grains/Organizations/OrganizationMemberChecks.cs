using System.Text;
using Onboarding.Events;
using Onboarding.Grains.Events;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Organizations;

/// <summary>What binds a member account's request to one organization onboarding (its one external id and token for every member).</summary>
public sealed record OrganizationOnboardingKeys(
    string OrganizationId,
    string ManagementAccountId,
    string ExternalId,
    string OrganizationToken,
    string ResourceType,
    Func<string, bool> IsOwnTopic)
{
    // The generated ToString would print the external id and token into any log that formats this.
    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append($"{nameof(OrganizationId)} = {OrganizationId}, {nameof(ManagementAccountId)} = {ManagementAccountId}");
        return true;
    }
}

/// <summary>Who sent a member request that passed the checks.</summary>
public enum OrganizationMemberKind
{
    /// <summary>A member account's stack instance (deployed by the StackSet).</summary>
    Member = 1,
    /// <summary>The management account's own role, from the management template itself.</summary>
    ManagementAccount = 2,
}

/// <summary>The outcome of <see cref="OrganizationMemberChecks.Verify"/>: the member's account when it passed, else why not.</summary>
public sealed record OrganizationMemberCheck(CheckResult Result, string? AccountId, OrganizationMemberKind? Kind)
{
    public bool Passed => Result.Passed;
}

/// <summary>
/// Checks a request from an organization's template exactly as a single account's (<see cref="CustomResourceChecks"/>):
/// the StackId's account is the member's, the role is in it, the external id and the organization's token match; and
/// the request names this organization. Pure.
/// </summary>
public static class OrganizationMemberChecks
{
    public const string OtherOrganizationReason = CustomResourceChecks.MismatchReason;

    /// <summary>
    /// The organization a Create names (its custom resource's OrganizationId, well formed), which then decides first
    /// whether the request belongs to it; null for any other request (Update and Delete go to the account's customer).
    /// </summary>
    public static string? OrganizationOf(CustomResourceRequest request) =>
        request.RequestType == CustomResourceChecks.Create
        && request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.OrganizationId) is { } organizationId
        && OrganizationIds.IsValid(organizationId)
            ? organizationId
            : null;

    public static OrganizationMemberCheck Verify(CustomResourceRequest request, OrganizationOnboardingKeys keys)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(keys);
        // The member's account is the one whose stack sent it: every other check binds to it.
        var account = CloudFormationStackArn.TryParse(request.StackId, out var stack) ? stack!.AccountId : "";
        var expected = new ExpectedCustomer(account, keys.ExternalId, keys.OrganizationToken, keys.ResourceType, keys.IsOwnTopic);
        var result = CustomResourceChecks.Verify(request, expected);
        if (result.Passed && !string.Equals(request.ResourceProperties.GetValueOrDefault(CustomResourceProperties.OrganizationId), keys.OrganizationId, StringComparison.Ordinal))
            result = new CheckResult(FailedChecks.OnboardingToken, OtherOrganizationReason,
                $"the request names another organization than {keys.OrganizationId} (its token matched: a template altered by hand)");
        if (!result.Passed) return new OrganizationMemberCheck(result, null, null);
        var kind = account == keys.ManagementAccountId ? OrganizationMemberKind.ManagementAccount : OrganizationMemberKind.Member;
        return new OrganizationMemberCheck(result, account, kind);
    }
}
