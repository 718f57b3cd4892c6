using Microsoft.Extensions.Configuration;
using Onboarding.Bench.Processes;
using Onboarding.Silo.Events;

namespace Onboarding.Bench.Floor;

/// <summary>The silo's effective Events settings (Silo/appsettings.json, then --silo overrides), for the floor to mirror.</summary>
public static class SiloEventIntake
{
    public static EventIntakeOptions Read(IReadOnlyDictionary<string, string> overrides)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Repository.SiloContentRoot, "appsettings.json"), optional: false)
            .AddInMemoryCollection(overrides.Select(o => new KeyValuePair<string, string?>(o.Key, o.Value)))
            .Build();
        return configuration.GetSection(EventIntakeOptions.SectionName).Get<EventIntakeOptions>() ?? new EventIntakeOptions();
    }
}
