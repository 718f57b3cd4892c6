using Microsoft.Extensions.Options;
using Onboarding.Silo.Retries;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>Rejects settings that would send requests to a wrong place or retry without bound.</summary>
public sealed class SnsClientOptionsValidator : IValidateOptions<SnsClientOptions>
{
    public ValidateOptionsResult Validate(string? name, SnsClientOptions options)
    {
        var failures = new List<string>();
        if (options.ServiceUrl is { } url
            && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            failures.Add($"{nameof(SnsClientOptions.ServiceUrl)} must be an absolute http or https URI.");
        }
        var retry = new HttpRetryOptionsValidator().Validate(nameof(SnsClientOptions.Retry), options.Retry);
        if (retry.Failed) failures.AddRange(retry.Failures);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
