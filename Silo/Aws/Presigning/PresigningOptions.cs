namespace Onboarding.Silo.Aws.Presigning;

/// <summary>
/// Which credentials sign template URLs (section "Templates:Presigning"). A presigned URL stops working
/// when the credentials that signed it expire, and a session token makes it longer than the console
/// accepts: a dedicated long-term key pair avoids both.
/// </summary>
public sealed class PresigningOptions
{
    public const string SectionName = "Templates:Presigning";
    public const string DefaultChain = "DefaultChain";
    public const string AccessKey = "AccessKey";

    /// <summary><see cref="DefaultChain"/> (the service's own credentials) or <see cref="AccessKey"/> (the pair below).</summary>
    public string Credentials { get; set; } = DefaultChain;

    /// <summary>A long-term access key id (AKIA…) of an IAM user allowed only s3:GetObject on the templates.</summary>
    public string? AccessKeyId { get; set; }

    /// <summary>Its secret: from the environment or a secrets store, never from a committed file; never logged.</summary>
    public string? SecretAccessKey { get; set; }

    public bool UsesAccessKey => string.Equals(Credentials, AccessKey, StringComparison.OrdinalIgnoreCase);
}
