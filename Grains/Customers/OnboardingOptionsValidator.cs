using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Customers;

/// <summary>Fails start-up with one message per wrong "Onboarding" setting.</summary>
public sealed partial class OnboardingOptionsValidator : IValidateOptions<OnboardingOptions>
{
    /// <summary>SigV4 presigned URLs live at most 7 days.</summary>
    public static readonly TimeSpan MaxLaunchUrlLifetime = TimeSpan.FromDays(7);
    public const int MaxStackNamePrefixLength = 100;

    public ValidateOptionsResult Validate(string? name, OnboardingOptions options)
    {
        var failures = new List<string>();
        var section = OnboardingOptions.SectionName;
        if (!AccountIds.IsValid(options.PartnerAccountId))
            failures.Add($"{section}:PartnerAccountId must be the partner's 12-digit AWS account id (got '{options.PartnerAccountId}').");
        if (options.TrustedPrincipalArn is { } arn && !AwsIdentifierPatterns.TrustedPrincipalArn().IsMatch(arn))
            failures.Add($"{section}:TrustedPrincipalArn must be an IAM root or role ARN such as arn:aws:iam::111122223333:role/Name (got '{arn}').");
        if (options.AllowedRegions.Count == 0)
            failures.Add($"{section}:AllowedRegions must list at least one region.");
        foreach (var region in options.AllowedRegions.Where(r => !Regions.IsWellFormed(r)))
            failures.Add($"{section}:AllowedRegions has '{region}', which is not a region name such as eu-west-1.");
        if (options.LaunchUrlLifetime <= TimeSpan.Zero || options.LaunchUrlLifetime > MaxLaunchUrlLifetime)
            failures.Add($"{section}:LaunchUrlLifetime must be positive and at most 7 days (got {options.LaunchUrlLifetime}).");
        if (options.LaunchUrlRenewBefore < TimeSpan.Zero || options.LaunchUrlRenewBefore >= options.LaunchUrlLifetime)
            failures.Add($"{section}:LaunchUrlRenewBefore must be at least zero and shorter than LaunchUrlLifetime (got {options.LaunchUrlRenewBefore}).");
        if (!StackNamePrefix().IsMatch(options.StackNamePrefix) || options.StackNamePrefix.Length > MaxStackNamePrefixLength)
            failures.Add($"{section}:StackNamePrefix must start with a letter and hold only letters, digits and '-', at most {MaxStackNamePrefixLength} characters (got '{options.StackNamePrefix}').");
        if (string.IsNullOrWhiteSpace(options.TemplateKeyPrefix) || options.TemplateKeyPrefix.StartsWith('/'))
            failures.Add($"{section}:TemplateKeyPrefix must be a non-empty S3 key prefix not starting with '/' (got '{options.TemplateKeyPrefix}').");
        if (options.HistoryLimit is < 1 or > 1000)
            failures.Add($"{section}:HistoryLimit must be between 1 and 1000 (got {options.HistoryLimit}).");
        if (options.HandledRequestLimit is < 1 or > 200)
            failures.Add($"{section}:HandledRequestLimit must be between 1 and 200 (got {options.HandledRequestLimit}).");
        if (options.FollowUpRetryInterval < TimeSpan.FromSeconds(1))
            failures.Add($"{section}:FollowUpRetryInterval must be at least one second (got {options.FollowUpRetryInterval}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]*$")]
    private static partial Regex StackNamePrefix();
}
