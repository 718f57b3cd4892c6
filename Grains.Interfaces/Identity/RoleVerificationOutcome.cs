namespace Onboarding.Identity;

/// <summary>What checking a customer's role with STS found.</summary>
[GenerateSerializer, Alias("Onboarding.RoleVerificationOutcome")]
public enum RoleVerificationOutcome
{
    /// <summary>Never checked: the default of an unset value, never a verifier's answer.</summary>
    Unverified = 0,
    /// <summary>The partner assumed the role with the external id, and (when checked) not without it nor with a wrong one.</summary>
    Verified = 1,
    /// <summary>The partner could not assume the role with the external id within the bound (missing, not propagated, not trusting the partner).</summary>
    NotAssumable = 2,
    /// <summary>The role admits the partner without an external id: the partner would be a confused deputy.</summary>
    TrustsWithoutExternalId = 3,
    /// <summary>The role admits the partner with an external id other than the customer's.</summary>
    AcceptsWrongExternalId = 4,
}
