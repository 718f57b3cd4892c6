namespace Onboarding.Organizations;

/// <summary>Refusal texts shared by the organization and the customer grains.</summary>
public static class OrganizationRefusals
{
    public const string OnboardedOnItsOwn = "the account is onboarded on its own; it keeps that onboarding";
}
