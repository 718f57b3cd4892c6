using System.Diagnostics.Metrics;
using Onboarding.Customers;

namespace Onboarding.Grains.Telemetry;

/// <summary>
/// The funnel as metrics (meter <see cref="MeterName"/>): onboardings started, activated, removed and
/// abandoned, counted once each transition is durable. No account ids as tags: they would make one
/// series per customer.
/// </summary>
public sealed class OnboardingMetrics
{
    public const string MeterName = "Onboarding";

    private readonly Counter<long> _started;
    private readonly Counter<long> _activated;
    private readonly Counter<long> _removed;
    private readonly Counter<long> _abandoned;
    private readonly Counter<long> _reprompted;
    private readonly Counter<long> _whitelistRepaired;

    public OnboardingMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _started = meter.CreateCounter<long>("onboarding.started", "{onboarding}", "Onboardings started (restarts after removal included).");
        _activated = meter.CreateCounter<long>("onboarding.activated", "{onboarding}", "Onboardings whose stack created the role and got its answer.");
        _removed = meter.CreateCounter<long>("onboarding.removed", "{onboarding}", "Customers removed, by reason (stack_deleted, off_boarded, abandoned).");
        _abandoned = meter.CreateCounter<long>("onboarding.abandoned", "{onboarding}", "Onboardings given up after no stack was created in time.");
        _reprompted = meter.CreateCounter<long>("onboarding.reprompted", "{prompt}", "Re-prompts sent to stalled onboardings.");
        _whitelistRepaired = meter.CreateCounter<long>("onboarding.whitelist.repaired", "{entry}",
            "Topic policy entries the whitelist reconciliation fixed, by action (restored, removed).");
    }

    /// <summary>Records a transition that has just been persisted.</summary>
    public void Persisted(OnboardingTrigger trigger)
    {
        switch (trigger)
        {
            case OnboardingTrigger.Start: _started.Add(1); break;
            case OnboardingTrigger.AnswerAccepted: _activated.Add(1); break;
            case OnboardingTrigger.Reprompted: _reprompted.Add(1); break;
            case OnboardingTrigger.StackDeleted: _removed.Add(1, new KeyValuePair<string, object?>("reason", "stack_deleted")); break;
            case OnboardingTrigger.OffBoarded: _removed.Add(1, new KeyValuePair<string, object?>("reason", "off_boarded")); break;
            case OnboardingTrigger.Abandoned:
                _abandoned.Add(1);
                _removed.Add(1, new KeyValuePair<string, object?>("reason", "abandoned"));
                break;
        }
    }

    /// <summary>Records what the whitelist reconciliation fixed in one topic's policy.</summary>
    public void WhitelistRepaired(int restored, int removed)
    {
        if (restored > 0) _whitelistRepaired.Add(restored, new KeyValuePair<string, object?>("action", "restored"));
        if (removed > 0) _whitelistRepaired.Add(removed, new KeyValuePair<string, object?>("action", "removed"));
    }
}
