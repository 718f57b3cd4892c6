namespace Onboarding.Customers;

/// <summary>A customer as the template version sweep sees it (the customer grain).</summary>
public interface ITemplateVersionHolderGrain : IGrainWithStringKey
{
    /// <summary>
    /// Compares the version the customer's stack runs with the one the service offers now; a customer newly behind is
    /// marked outdated and its partner notified (once per offered version).
    /// </summary>
    Task<TemplateVersionStatus> CheckTemplateVersion();
}
