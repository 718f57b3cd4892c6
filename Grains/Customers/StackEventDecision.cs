namespace Onboarding.Grains.Customers;

/// <summary>What a custom-resource request does to the customer, besides the answer.</summary>
public enum StackEventEffect
{
    /// <summary>Answer only; the customer is unchanged.</summary>
    None,
    /// <summary>Templated → Active: record role, stack and physical id.</summary>
    Activate,
    /// <summary>Active stays Active with the (possibly new) role.</summary>
    UpdateRole,
    /// <summary>Active → Removed: this stack's resource was deleted.</summary>
    Remove,
    /// <summary>Removed stays Removed: the off-boarded customer's stack was deleted, so its account may leave the topic.</summary>
    ReleaseTopic,
}

/// <summary>The decision on one request: effect, answer fields, and what to log as a security event.</summary>
public sealed record StackEventDecision(
    StackEventEffect Effect,
    bool Success,
    string? Reason,
    string PhysicalResourceId,
    string? SecurityDetail);
