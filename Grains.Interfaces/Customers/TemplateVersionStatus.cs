namespace Onboarding.Customers;

/// <summary>What a customer's template version check found.</summary>
[GenerateSerializer, Alias("Onboarding.TemplateVersionStatus")]
public enum TemplateVersionStatus
{
    /// <summary>Not Active (or no version to compare with): nothing to check.</summary>
    NotApplicable = 0,
    /// <summary>The stack runs the template offered now.</summary>
    Current = 1,
    /// <summary>Outdated, and already notified for the version offered now.</summary>
    StillOutdated = 2,
    /// <summary>Outdated since this check: the partner is notified with the update link.</summary>
    BecameOutdated = 3,
}
