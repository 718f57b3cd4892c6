using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Customers;

/// <summary>Fails start-up with one message per wrong "Onboarding" setting.</summary>
public sealed partial class OnboardingOptionsValidator : IValidateOptions<OnboardingOptions>
{
    /// <summary>A launch link is a capability: its life stays bounded (renewals extend it).</summary>
    public static readonly TimeSpan MaxLaunchUrlLifetime = TimeSpan.FromDays(7);

    /// <summary>SigV4 presigned URLs live at most 7 days.</summary>
    public static readonly TimeSpan MaxTemplateUrlLifetime = TimeSpan.FromDays(7);

    /// <summary>Enough for the console to load the template and CreateStack to read it.</summary>
    public static readonly TimeSpan MinTemplateUrlLifetime = TimeSpan.FromMinutes(5);
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
        foreach (var region in options.AllowedRegions.Where(r => !RegionNames.IsWellFormed(r)))
            failures.Add($"{section}:AllowedRegions has '{region}', which is not a region name such as eu-west-1.");
        if (PublicBaseUrlProblem(options.PublicBaseUrl) is { } problem)
            failures.Add($"{section}:PublicBaseUrl must be the API's public URL that customers' launch links start with, such as https://onboarding.example.com/ ({problem}).");
        if (options.TemplateUrlLifetime < MinTemplateUrlLifetime || options.TemplateUrlLifetime > MaxTemplateUrlLifetime)
            failures.Add($"{section}:TemplateUrlLifetime must be between 5 minutes and 7 days (got {options.TemplateUrlLifetime}).");
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
        if (options.SentNotificationLimit is < 1 or > 100)
            failures.Add($"{section}:SentNotificationLimit must be between 1 and 100 (got {options.SentNotificationLimit}).");
        if (options.FollowUpRetryInterval < TimeSpan.FromSeconds(1))
            failures.Add($"{section}:FollowUpRetryInterval must be at least one second (got {options.FollowUpRetryInterval}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>https, or plain http on loopback only (the local default); no query or fragment to append to.</summary>
    private static string? PublicBaseUrlProblem(Uri? url) => url switch
    {
        null or { IsAbsoluteUri: false } => $"got '{url}'",
        _ when url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback) => $"https, or http on loopback only; got '{url}'",
        _ when url.UserInfo.Length > 0 => "no user info",
        _ when url.Query.Length > 0 || url.Fragment.Length > 0 => $"no query or fragment; got '{url}'",
        _ => null,
    };

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9-]*$")]
    private static partial Regex StackNamePrefix();
}
