namespace Onboarding.Grains.Identity;

/// <summary>What STS answered one AssumeRole of a verification (an outage is no answer: it never gets here).</summary>
public enum AssumeRoleAnswer
{
    /// <summary>Credentials were issued: the role admitted the partner.</summary>
    Assumed,
    /// <summary>AccessDenied: the role does not exist (or has not propagated yet), or its trust policy refuses the request.</summary>
    Denied,
    /// <summary>ValidationError: STS refused the request itself (e.g. a malformed role ARN); asking again changes nothing.</summary>
    Invalid,
}
