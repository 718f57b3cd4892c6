namespace Onboarding.Grains.Templates;

/// <summary>What the generated CloudFormation template grants and how it calls back (section "Template").</summary>
public sealed class RoleTemplateOptions
{
    public const string SectionName = "Template";

    /// <summary>Managed policies attached to the customer's role; default: read-only security audit.</summary>
    public List<string> ManagedPolicyArns { get; set; } = [];

    /// <summary>An optional inline IAM policy document (JSON) for the role.</summary>
    public string? InlinePolicyDocument { get; set; }

    /// <summary>The custom resource's type; events are checked against it.</summary>
    public string CustomResourceType { get; set; } = "Custom::PartnerOnboarding";

    /// <summary>Seconds CloudFormation waits for the service's answer (1–3600).</summary>
    public int ServiceTimeoutSeconds { get; set; } = 300;

    public string Description { get; set; } = "Grants the partner cross-account access with an external id.";
}
