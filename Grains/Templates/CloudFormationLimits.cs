namespace Onboarding.Grains.Templates;

/// <summary>CloudFormation and IAM limits the rendered template and launch link must respect.</summary>
public static class CloudFormationLimits
{
    /// <summary>A template read from S3 may be 1 MB (an inline TemplateBody only 51,200 bytes).</summary>
    public const int MaxTemplateBytes = 1_048_576;

    /// <summary>A StackSet's TemplateBody (the member template inside an organization's template).</summary>
    public const int MaxTemplateBodyBytes = 51_200;

    /// <summary>The console rejects a <c>templateURL</c> longer than this.</summary>
    public const int MaxTemplateUrlLength = 1024;

    public const int MaxStackNameLength = 128;

    public const int MinServiceTimeoutSeconds = 1;

    public const int MaxServiceTimeoutSeconds = 3600;

    /// <summary>A custom resource type name (including "Custom::") is at most 60 characters.</summary>
    public const int MaxCustomResourceTypeLength = 60;

    /// <summary>IAM limits a role description to 1000 characters.</summary>
    public const int MaxRoleDescriptionLength = 1000;

    /// <summary>One hour: the shortest maximum IAM allows, enough for the partner's audit sessions.</summary>
    public const int RoleMaxSessionDurationSeconds = 3600;
}
