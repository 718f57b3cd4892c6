using Microsoft.Extensions.Options;

namespace Onboarding.Grains.Stats;

/// <summary>Fails start-up with one message per wrong "Counters" setting.</summary>
public sealed class CountersOptionsValidator : IValidateOptions<CountersOptions>
{
    public static readonly TimeSpan MinInterval = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MaxSettleAfter = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, CountersOptions options)
    {
        var failures = new List<string>();
        var section = CountersOptions.SectionName;
        if (options.SettleAfter < MinInterval || options.SettleAfter > MaxSettleAfter)
            failures.Add($"{section}:SettleAfter must be between {MinInterval} and {MaxSettleAfter} (got {options.SettleAfter}).");
        if (options.SweepEvery < MinInterval || options.SweepEvery > options.SettleAfter)
            failures.Add($"{section}:SweepEvery must be between {MinInterval} and SettleAfter (got {options.SweepEvery}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
