namespace Onboarding.Grains.Templates;

/// <summary>
/// Property names of the onboarding custom resource. The renderer writes them and the event checker
/// reads them back from <c>ResourceProperties</c>, so both sides share these constants.
/// </summary>
public static class CustomResourceProperties
{
    public const string ServiceToken = "ServiceToken";
    public const string ServiceTimeout = "ServiceTimeout";
    public const string RoleArn = "RoleArn";
    public const string AccountId = "AccountId";
    public const string ExternalId = "ExternalId";
    public const string OnboardingToken = "OnboardingToken";
    /// <summary>The template's <see cref="RoleTemplateVersion"/>: what the stack runs, reported with each Create and Update.</summary>
    public const string TemplateVersion = "TemplateVersion";
    /// <summary>In an organization's template only: the organization the onboarding is for (the token is then the organization's).</summary>
    public const string OrganizationId = "OrganizationId";
}
