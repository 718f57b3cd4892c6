using Onboarding.Grains.Identifiers;
using Onboarding.Identity;

namespace Onboarding.Grains.Identity;

/// <summary>
/// How a role verification reads STS's answers: which outcome, which reason for the customer, whether to ask
/// again. Pure: the verifier (Silo) makes the calls and asks these rules what they mean.
/// </summary>
public static class RoleVerificationRules
{
    // For the customer (CloudFormation shows a FAILED answer's reason): what is wrong and what to do. Fixed texts,
    // so no ARN, account id, external id or STS message (which names the partner's principal) can slip in.
    public const string VerifiedReason =
        "The partner assumed the role with your external id and was refused without it and with a wrong one.";
    public const string VerifiedWithExternalIdReason =
        "The partner assumed the role with your external id.";
    public const string NotAssumableReason =
        "The partner cannot assume the role with your external id (STS answers AccessDenied): the role is missing, or its trust policy "
        + "does not admit the partner's account with your external id. Restore the role and its trust policy as the template defines them, "
        + "then create or update the stack again.";
    public const string InvalidRequestReason =
        "STS refused the request to assume the role as invalid (ValidationError): the stack must report the role the template creates. "
        + "Restore the template's role, then create or update the stack again.";
    public const string TrustsWithoutExternalIdReason =
        "The role trusts the partner without requiring the external id, so anyone who gets the partner to use this role could reach your "
        + "account (the confused-deputy problem). Restore the template's trust policy, which requires your external id (a StringEquals "
        + "condition on sts:ExternalId), then create or update the stack again.";
    public const string AcceptsWrongExternalIdReason =
        "The role admits the partner with an external id that is not yours. Restore the template's trust policy, which requires exactly "
        + "your external id (a StringEquals condition on sts:ExternalId), then create or update the stack again.";

    /// <summary>Refuses a request no verification should be made for: a role outside the customer's account, an external id STS would refuse.</summary>
    /// <exception cref="ArgumentException">Naming what is wrong (never the external id itself).</exception>
    public static void ThrowIfMalformed(RoleToVerify role)
    {
        ArgumentNullException.ThrowIfNull(role);
        var arn = AwsIdentifierPatterns.IamRoleArn().Match(role.RoleArn ?? "");
        if (!arn.Success)
            throw new ArgumentException("RoleArn is not an IAM role ARN.", nameof(role));
        if (!AccountIds.IsValid(role.CustomerAccountId) || arn.Groups["account"].Value != role.CustomerAccountId)
            throw new ArgumentException("RoleArn is not a role in the customer's account.", nameof(role));
        if (!AwsIdentifierPatterns.ExternalId().IsMatch(role.ExternalId ?? ""))
            throw new ArgumentException("ExternalId is not an external id STS accepts.", nameof(role));
    }

    /// <summary>
    /// Only AccessDenied at onboarding is asked again: a role created seconds ago may not have propagated yet (IAM is
    /// eventually consistent). A re-check of a role that worked reports what it finds; the next re-check sees a recovery.
    /// </summary>
    public static bool AsksAgain(RoleVerificationMode mode, AssumeRoleAnswer withExternalId) =>
        mode == RoleVerificationMode.Onboarding && withExternalId == AssumeRoleAnswer.Denied;

    /// <summary>
    /// How long to pause before the next attempt with the external id, or null to stop: never past
    /// <paramref name="maxWait"/> (counted from the first attempt), so the last attempt falls at the bound.
    /// </summary>
    /// <param name="backoff">The retry style's pause for this retry.</param>
    public static TimeSpan? PauseBeforeNextAttempt(TimeSpan elapsed, TimeSpan maxWait, TimeSpan backoff)
    {
        var left = maxWait - elapsed;
        return left <= TimeSpan.Zero ? null : backoff < left ? backoff : left;
    }

    /// <summary>Whether the checks without and with a wrong external id follow: only once the role was assumed, and not in a plain re-check.</summary>
    public static bool RunsNegativeChecks(RoleVerificationMode mode, AssumeRoleAnswer withExternalId) =>
        mode != RoleVerificationMode.Recheck && withExternalId == AssumeRoleAnswer.Assumed;

    /// <summary>Whether the check with a wrong external id still matters: not when the role admitted the partner with none.</summary>
    public static bool ChecksWrongExternalId(AssumeRoleAnswer withoutExternalId) => withoutExternalId != AssumeRoleAnswer.Assumed;

    /// <summary>Whether the verification waits its turn under <c>Verification:MaxAssumeRolePerSecond</c> (re-checks do; onboardings, which CloudFormation waits on, do not).</summary>
    public static bool IsPaced(RoleVerificationMode mode) => mode != RoleVerificationMode.Onboarding;

    /// <summary>The verification's result from the answers STS gave.</summary>
    /// <param name="withoutExternalId">Null when the negative checks did not run.</param>
    /// <param name="withWrongExternalId">Null when it did not run (no negative checks, or the check without an external id already admitted the partner).</param>
    /// <exception cref="ArgumentException">A combination the verifier never produces.</exception>
    public static RoleVerification Decide(
        AssumeRoleAnswer withExternalId,
        AssumeRoleAnswer? withoutExternalId,
        AssumeRoleAnswer? withWrongExternalId,
        int attempts,
        DateTimeOffset checkedAt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        var negativeChecks = withoutExternalId is not null;
        if (withExternalId != AssumeRoleAnswer.Assumed && negativeChecks || withWrongExternalId is not null && !negativeChecks)
            throw new ArgumentException("The negative checks run only after the role was assumed with the external id, the one without an external id first.");
        if (negativeChecks && ChecksWrongExternalId(withoutExternalId!.Value) && withWrongExternalId is null)
            throw new ArgumentException("The check with a wrong external id is missing.", nameof(withWrongExternalId));

        var (outcome, reason) = (withExternalId, withoutExternalId, withWrongExternalId) switch
        {
            (AssumeRoleAnswer.Denied, _, _) => (RoleVerificationOutcome.NotAssumable, NotAssumableReason),
            (AssumeRoleAnswer.Invalid, _, _) => (RoleVerificationOutcome.NotAssumable, InvalidRequestReason),
            (_, AssumeRoleAnswer.Assumed, _) => (RoleVerificationOutcome.TrustsWithoutExternalId, TrustsWithoutExternalIdReason),
            (_, _, AssumeRoleAnswer.Assumed) => (RoleVerificationOutcome.AcceptsWrongExternalId, AcceptsWrongExternalIdReason),
            (_, null, _) => (RoleVerificationOutcome.Verified, VerifiedWithExternalIdReason),
            _ => (RoleVerificationOutcome.Verified, VerifiedReason),
        };
        return new RoleVerification(outcome, reason, checkedAt, attempts, negativeChecks);
    }
}
