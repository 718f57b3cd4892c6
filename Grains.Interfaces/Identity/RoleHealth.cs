namespace Onboarding.Identity;

/// <summary>Whether an Active customer's role works as the template made it, as the last check with STS found.</summary>
[GenerateSerializer, Alias("Onboarding.RoleHealth")]
public enum RoleHealth
{
    /// <summary>Not an Active customer, or never checked.</summary>
    Unknown = 0,
    /// <summary>Assumable with the external id, and only with it.</summary>
    Healthy = 1,
    /// <summary>The last check failed: the role is gone, or its trust policy no longer matches the template.</summary>
    Degraded = 2,
}
