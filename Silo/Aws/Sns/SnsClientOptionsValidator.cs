using Microsoft.Extensions.Options;

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
        if (options.MaxAttempts is < SnsClientOptions.MinAttempts or > SnsClientOptions.MaxAttemptsLimit)
        {
            failures.Add($"{nameof(SnsClientOptions.MaxAttempts)} must be between {SnsClientOptions.MinAttempts} and {SnsClientOptions.MaxAttemptsLimit}.");
        }
        if (options.BaseDelay < TimeSpan.Zero)
        {
            failures.Add($"{nameof(SnsClientOptions.BaseDelay)} must not be negative.");
        }
        if (options.MaxDelay < options.BaseDelay)
        {
            failures.Add($"{nameof(SnsClientOptions.MaxDelay)} must be at least {nameof(SnsClientOptions.BaseDelay)}.");
        }
        if (options.AttemptTimeout <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(SnsClientOptions.AttemptTimeout)} must be positive.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
