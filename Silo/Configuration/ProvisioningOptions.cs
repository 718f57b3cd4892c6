namespace Onboarding.Silo.Configuration;

/// <summary>Whether the silo creates its AWS resources at start-up (section "Provisioning").</summary>
public sealed class ProvisioningOptions
{
    public const string SectionName = "Provisioning";

    /// <summary>On in the local default; off in production, where infrastructure code owns the resources.</summary>
    public bool Enabled { get; set; }
}
