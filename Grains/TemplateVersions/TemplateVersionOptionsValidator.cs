using Microsoft.Extensions.Options;

namespace Onboarding.Grains.TemplateVersions;

/// <summary>Fails start-up with one message per wrong "TemplateVersions" setting.</summary>
public sealed class TemplateVersionOptionsValidator : IValidateOptions<TemplateVersionOptions>
{
    /// <summary>Orleans' shortest reminder period.</summary>
    public static readonly TimeSpan MinTick = TimeSpan.FromMinutes(1);
    public const int MaxPerTick = 1_000;

    public ValidateOptionsResult Validate(string? name, TemplateVersionOptions options)
    {
        var failures = new List<string>();
        var section = TemplateVersionOptions.SectionName;
        if (options.Tick < MinTick)
            failures.Add($"{section}:Tick must be at least {MinTick} (got {options.Tick}).");
        if (options.CheckEvery < options.Tick)
            failures.Add($"{section}:CheckEvery must be at least Tick (got {options.CheckEvery}).");
        if (options.VisitsPerTick is < 1 or > MaxPerTick)
            failures.Add($"{section}:VisitsPerTick must be between 1 and {MaxPerTick} (got {options.VisitsPerTick}).");
        if (options.NotificationsPerTick is < 1 or > MaxPerTick)
            failures.Add($"{section}:NotificationsPerTick must be between 1 and {MaxPerTick} (got {options.NotificationsPerTick}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
