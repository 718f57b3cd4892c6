using Microsoft.Extensions.Options;
using Onboarding.Identifiers;

namespace Onboarding.Silo.Configuration;

/// <summary>Fails start-up with one message per wrong "Aws" setting.</summary>
public sealed class AwsOptionsValidator : IValidateOptions<AwsOptions>
{
    public ValidateOptionsResult Validate(string? name, AwsOptions options)
    {
        var failures = new List<string>();
        var section = AwsOptions.SectionName;
        if (!RegionNames.IsWellFormed(options.Region))
            failures.Add($"{section}:Region must be a region name such as us-east-1 (got '{options.Region}').");
        foreach (var (endpoint, url) in options.Endpoints.All)
        {
            if (url is null) continue;
            if (!url.IsAbsoluteUri || url.Scheme is not ("http" or "https"))
                failures.Add($"{section}:Endpoints:{endpoint} must be an absolute http(s) URL (got '{url}').");
            else if (options.UseStandInCredentials && !url.IsLoopback)
                failures.Add($"{section}:Endpoints:{endpoint} is not on loopback, so UseStandInCredentials (dummy credentials) is not allowed.");
        }
        if (options.AttemptTimeout < TimeSpan.FromMilliseconds(100) || options.AttemptTimeout > TimeSpan.FromMinutes(5))
            failures.Add($"{section}:AttemptTimeout must be between 100 ms and 5 minutes (got {options.AttemptTimeout}).");
        if (options.MaxAttempts is < 1 or > AwsOptions.MaxAttemptsLimit)
            failures.Add($"{section}:MaxAttempts must be between 1 and {AwsOptions.MaxAttemptsLimit} (got {options.MaxAttempts}).");
        if (options.UseStandInCredentials && options.Endpoints.All.Any(e => e.Url is null))
            failures.Add($"{section}:UseStandInCredentials needs every endpoint (DynamoDb, Sns, Sqs, S3, Sts) set to a local stand-in.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
