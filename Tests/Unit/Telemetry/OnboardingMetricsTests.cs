using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Customers;
using Onboarding.Grains.Telemetry;

namespace Onboarding.Tests.Unit.Telemetry;

public sealed class OnboardingMetricsTests
{
    [Fact]
    public void Each_trigger_lands_on_its_counter_and_removals_say_why()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var factory = services.GetRequiredService<IMeterFactory>();
        var seen = new List<(string Instrument, string? Reason)>();
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) => { if (ReferenceEquals(instrument.Meter.Scope, factory)) l.EnableMeasurementEvents(instrument); },
        };
        listener.SetMeasurementEventCallback<long>((instrument, _, tags, _) =>
            seen.Add((instrument.Name, tags.ToArray().Where(t => t.Key == "reason").Select(t => t.Value as string).SingleOrDefault())));
        listener.Start();
        var metrics = new OnboardingMetrics(factory);

        foreach (var trigger in Enum.GetValues<OnboardingTrigger>()) metrics.Persisted(trigger);

        Assert.Equal(
            [
                ("onboarding.started", null), ("onboarding.removed", "stack_deleted"),
                ("onboarding.abandoned", null), ("onboarding.removed", "abandoned"), ("onboarding.removed", "off_boarded"),
                ("onboarding.reprompted", null), ("onboarding.activated", null),
            ],
            seen);
    }
}
