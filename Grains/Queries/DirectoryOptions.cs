using Microsoft.Extensions.Options;

namespace Onboarding.Grains.Queries;

/// <summary>Operators' queries (section "Directory").</summary>
public sealed class DirectoryOptions
{
    public const string SectionName = "Directory";

    /// <summary>
    /// How long /stats answers from its last count. Counting reads the whole state index, so a
    /// dashboard refreshing every few seconds must not pay that on every refresh; 0 counts every time.
    /// </summary>
    public TimeSpan StatsCacheFor { get; set; } = TimeSpan.FromSeconds(10);
}

public sealed class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>
{
    public static readonly TimeSpan MaxStatsCacheFor = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, DirectoryOptions options) =>
        options.StatsCacheFor < TimeSpan.Zero || options.StatsCacheFor > MaxStatsCacheFor
            ? ValidateOptionsResult.Fail($"{DirectoryOptions.SectionName}:StatsCacheFor must be between 0 and {MaxStatsCacheFor} (got {options.StatsCacheFor}).")
            : ValidateOptionsResult.Success;
}
