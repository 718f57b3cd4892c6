using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Aws.Presigning;

/// <summary>Fails start-up with one message per wrong "Templates:Presigning" setting (never echoing the secret).</summary>
public sealed partial class PresigningOptionsValidator : IValidateOptions<PresigningOptions>
{
    public ValidateOptionsResult Validate(string? name, PresigningOptions options)
    {
        var failures = new List<string>();
        var section = PresigningOptions.SectionName;
        var keySet = !string.IsNullOrEmpty(options.AccessKeyId) || !string.IsNullOrEmpty(options.SecretAccessKey);
        if (options.UsesAccessKey)
        {
            if (options.AccessKeyId is { } id && id.StartsWith("ASIA", StringComparison.Ordinal))
                failures.Add($"{section}:AccessKeyId is a temporary key (ASIA…), which needs a session token and dies with its session; use an IAM user's long-term key (AKIA…).");
            else if (!LongTermAccessKeyId().IsMatch(options.AccessKeyId ?? ""))
                failures.Add($"{section}:AccessKeyId must be a long-term access key id (AKIA followed by 16 or more capital letters and digits) when Credentials is {PresigningOptions.AccessKey}.");
            if (string.IsNullOrWhiteSpace(options.SecretAccessKey) || options.SecretAccessKey.Length < 16)
                failures.Add($"{section}:SecretAccessKey must be the access key's secret when Credentials is {PresigningOptions.AccessKey} (set it from the environment or a secrets store).");
        }
        else if (!string.Equals(options.Credentials, PresigningOptions.DefaultChain, StringComparison.OrdinalIgnoreCase))
        {
            failures.Add($"{section}:Credentials must be {PresigningOptions.DefaultChain} or {PresigningOptions.AccessKey} (got '{options.Credentials}').");
        }
        else if (keySet)
        {
            // A key pair that is configured but silently unused is a rotation waiting to go wrong.
            failures.Add($"{section}:AccessKeyId and SecretAccessKey are set but Credentials is {PresigningOptions.DefaultChain}: set Credentials to {PresigningOptions.AccessKey} to use them, or remove them.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex("^AKIA[A-Z0-9]{16,124}$")]
    private static partial Regex LongTermAccessKeyId();
}
