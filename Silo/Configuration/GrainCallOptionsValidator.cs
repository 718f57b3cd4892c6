using Microsoft.Extensions.Options;
using Onboarding.Grains.Calls;
using Orleans.Configuration;

namespace Onboarding.Silo.Configuration;

/// <summary>The call budget must leave room under Orleans' response timeout for the grain to answer.</summary>
public sealed class GrainCallOptionsValidator(IOptions<SiloMessagingOptions> messaging) : IValidateOptions<GrainCallOptions>
{
    /// <summary>What a grain needs after its budget is spent: write its state and answer.</summary>
    public static readonly TimeSpan Headroom = TimeSpan.FromSeconds(5);

    public ValidateOptionsResult Validate(string? name, GrainCallOptions options)
    {
        var limit = messaging.Value.ResponseTimeout - Headroom;
        return options.CallBudget > TimeSpan.Zero && options.CallBudget <= limit
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"{GrainCallOptions.SectionName}:CallBudget must be positive and at most Orleans' response timeout less {Headroom.TotalSeconds:0} s ({limit}) (got {options.CallBudget}).");
    }
}
