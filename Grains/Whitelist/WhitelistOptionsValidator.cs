using Microsoft.Extensions.Options;

namespace Onboarding.Grains.Whitelist;

/// <summary>Fails start-up with one message per wrong "Whitelist" setting.</summary>
public sealed class WhitelistOptionsValidator : IValidateOptions<WhitelistOptions>
{
    /// <summary>SNS topic names are at most 256 characters; leave room for the region and number.</summary>
    public const int MaxTopicNamePrefixLength = 200;

    /// <summary>Orleans' shortest reminder period.</summary>
    public static readonly TimeSpan MinReconcilePeriod = TimeSpan.FromMinutes(1);

    public ValidateOptionsResult Validate(string? name, WhitelistOptions options)
    {
        var failures = new List<string>();
        var section = WhitelistOptions.SectionName;
        if (string.IsNullOrEmpty(options.TopicNamePrefix) || options.TopicNamePrefix.Length > MaxTopicNamePrefixLength ||
            !options.TopicNamePrefix.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            failures.Add($"{section}:TopicNamePrefix must be 1–{MaxTopicNamePrefixLength} letters, digits, '-' or '_' (got '{options.TopicNamePrefix}').");
        if (options.MaxAccountsPerTopic is < 1)
            failures.Add($"{section}:MaxAccountsPerTopic must be at least 1 when set (got {options.MaxAccountsPerTopic}).");
        if (options.MaxTopicRollovers is < 1 or > 100)
            failures.Add($"{section}:MaxTopicRollovers must be between 1 and 100 (got {options.MaxTopicRollovers}).");
        if (options.ReconcilePeriod < MinReconcilePeriod)
            failures.Add($"{section}:ReconcilePeriod must be at least {MinReconcilePeriod} (got {options.ReconcilePeriod}).");
        if (options.ReconcileTopicInterval < TimeSpan.Zero || options.ReconcileTopicInterval >= options.ReconcilePeriod)
            failures.Add($"{section}:ReconcileTopicInterval must be at least zero and shorter than ReconcilePeriod (got {options.ReconcileTopicInterval}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
