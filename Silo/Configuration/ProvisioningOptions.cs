namespace Onboarding.Silo.Configuration;

/// <summary>Whether the silo creates its AWS resources at start-up (section "Provisioning").</summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    /// <summary>
    /// On in the local default; off in production, where deploy/onboarding.yaml owns the resources and the silo only
    /// checks them at start-up (<see cref="Provisioning.DeployedResourceCheck"/>).
    /// </summary>
    public bool Enabled { get; set; }
}
