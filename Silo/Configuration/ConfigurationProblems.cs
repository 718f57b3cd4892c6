using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Configuration;

/// <summary>Collects the messages of every configuration failure an exception carries.</summary>
public static class ConfigurationProblems
{
    public static List<string> Of(Exception exception) => exception switch
    {
        ConfigurationException configuration => [.. configuration.Problems],
        OptionsValidationException validation => [.. validation.Failures],
        AggregateException aggregate => [.. aggregate.InnerExceptions.SelectMany(Of)],
        _ => [],
    };
}
