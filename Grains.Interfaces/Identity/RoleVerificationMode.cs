namespace Onboarding.Identity;

/// <summary>Which checks a verification makes, and whether it waits its turn under <c>Verification:MaxAssumeRolePerSecond</c>.</summary>
[GenerateSerializer, Alias("Onboarding.RoleVerificationMode")]
public enum RoleVerificationMode
{
    /// <summary>Before answering a Create (or an Update that changes the role): every check, not paced (CloudFormation waits).</summary>
    Onboarding = 0,
    /// <summary>A periodic re-check: only the check with the external id, paced.</summary>
    Recheck = 1,
    /// <summary>
    /// A periodic re-check with the checks without and with a wrong external id too, paced. Rarer: each of those
    /// puts an AccessDenied event in the customer's CloudTrail.
    /// </summary>
    RecheckWithNegativeChecks = 2,
}
