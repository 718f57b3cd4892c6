using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Templates;

namespace Onboarding.Silo.Verification;

/// <summary>Fails start-up with one message per wrong "Verification" setting.</summary>
public sealed partial class VerificationOptionsValidator(IOptions<RoleTemplateOptions> template) : IValidateOptions<VerificationOptions>
{
    /// <summary>
    /// What a Create still needs after the verification's wait, within the template's ServiceTimeout: the time it
    /// spent on the queue, the decision and the answer's delivery (retried).
    /// </summary>
    public static readonly TimeSpan AnswerMargin = TimeSpan.FromSeconds(60);

    public static readonly TimeSpan MinMaxWait = TimeSpan.FromSeconds(1);
    public static readonly TimeSpan MinRecheckEvery = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxRecheckEvery = TimeSpan.FromDays(90);
    /// <summary>Far above STS's default quota (hundreds per second per account): a typo, not a plan.</summary>
    public const double MaxAssumeRolePerSecondLimit = 10_000;

    public ValidateOptionsResult Validate(string? name, VerificationOptions options)
    {
        var failures = new List<string>();
        var section = VerificationOptions.SectionName;
        var serviceTimeout = TimeSpan.FromSeconds(template.Value.ServiceTimeoutSeconds);
        var longest = serviceTimeout - AnswerMargin;
        if (options.MaxWait < MinMaxWait || options.MaxWait > longest)
        {
            failures.Add(longest < MinMaxWait
                ? $"{section}:MaxWait cannot fit: {RoleTemplateOptions.SectionName}:ServiceTimeoutSeconds ({template.Value.ServiceTimeoutSeconds}) leaves no time for it beyond the answer's {AnswerMargin.TotalSeconds:0} s; raise ServiceTimeoutSeconds."
                : $"{section}:MaxWait must be between {MinMaxWait.TotalSeconds:0} s and {RoleTemplateOptions.SectionName}:ServiceTimeoutSeconds less {AnswerMargin.TotalSeconds:0} s ({longest}) (got {options.MaxWait}).");
        }
        if (!RoleSessionNamePattern().IsMatch(options.RoleSessionName ?? ""))
            failures.Add($"{section}:RoleSessionName must be 2 to 64 letters, digits or +=,.@_- as STS requires (got '{options.RoleSessionName}').");
        if (options.RecheckEvery < MinRecheckEvery || options.RecheckEvery > MaxRecheckEvery)
            failures.Add($"{section}:RecheckEvery must be between {MinRecheckEvery} and {MaxRecheckEvery.TotalDays:0} days (got {options.RecheckEvery}).");
        if (options.NegativeRecheckEvery < options.RecheckEvery || options.NegativeRecheckEvery > MaxRecheckEvery)
            failures.Add($"{section}:NegativeRecheckEvery must be between RecheckEvery ({options.RecheckEvery}) and {MaxRecheckEvery.TotalDays:0} days (got {options.NegativeRecheckEvery}).");
        if (!double.IsFinite(options.MaxAssumeRolePerSecond) || options.MaxAssumeRolePerSecond <= 0 || options.MaxAssumeRolePerSecond > MaxAssumeRolePerSecondLimit)
            failures.Add($"{section}:MaxAssumeRolePerSecond must be above 0 and at most {MaxAssumeRolePerSecondLimit:0} (got {options.MaxAssumeRolePerSecond}).");
        if (options.SweepTick < MinRecheckEvery || options.SweepTick > options.RecheckEvery)
            failures.Add($"{section}:SweepTick must be between {MinRecheckEvery} (Orleans' shortest reminder period) and RecheckEvery ({options.RecheckEvery}) (got {options.SweepTick}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[\w+=,.@-]{2,64}$", RegexOptions.ECMAScript)]
    private static partial Regex RoleSessionNamePattern();
}
