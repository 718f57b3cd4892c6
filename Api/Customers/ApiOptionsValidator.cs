using Microsoft.Extensions.Options;
using Onboarding.Identifiers;

namespace Onboarding.Api.Customers;

/// <summary>Fails start-up with one message per wrong "Api" setting.</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        if (!RegionNames.IsWellFormed(options.DefaultRegion))
            failures.Add($"Api:DefaultRegion must be a region name such as us-east-1 (got '{options.DefaultRegion}').");
        if (options.MaxReferenceLength is < 1 or > 4096)
            failures.Add($"Api:MaxReferenceLength must be between 1 and 4096 (got {options.MaxReferenceLength}).");
        if (options.MaxRequestBodyBytes is < 1024 or > 1024 * 1024)
            failures.Add($"Api:MaxRequestBodyBytes must be between 1 KiB and 1 MiB (got {options.MaxRequestBodyBytes}).");
        if (options.CustomerLinkRequestsPerWindow < 1)
            failures.Add($"Api:CustomerLinkRequestsPerWindow must be at least 1 (got {options.CustomerLinkRequestsPerWindow}).");
        if (options.CustomerLinkWindow < TimeSpan.FromSeconds(1) || options.CustomerLinkWindow > TimeSpan.FromHours(1))
            failures.Add($"Api:CustomerLinkWindow must be between one second and one hour (got {options.CustomerLinkWindow}).");
        if (options.ClusterRetryAfter < TimeSpan.FromSeconds(1) || options.ClusterRetryAfter > TimeSpan.FromMinutes(10))
            failures.Add($"Api:ClusterRetryAfter must be between 1 second and 10 minutes (got {options.ClusterRetryAfter}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
