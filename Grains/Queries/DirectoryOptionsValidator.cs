using Microsoft.Extensions.Options;

namespace Onboarding.Grains.Queries;

public sealed class DirectoryOptionsValidator : IValidateOptions<DirectoryOptions>
{
    public static readonly TimeSpan MaxStatsCacheFor = TimeSpan.FromHours(1);

    public ValidateOptionsResult Validate(string? name, DirectoryOptions options) =>
        options.StatsCacheFor < TimeSpan.Zero || options.StatsCacheFor > MaxStatsCacheFor
            ? ValidateOptionsResult.Fail($"{DirectoryOptions.SectionName}:StatsCacheFor must be between 0 and {MaxStatsCacheFor} (got {options.StatsCacheFor}).")
            : ValidateOptionsResult.Success;
}
