using System.Collections.Concurrent;
using Orleans.Reminders.Diagnostics;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// Which reminders are waiting on their clock right now, from the reminder service's own diagnostic
/// events. A test on a fake clock moves the clock only once the reminder it means to fire is armed:
/// a reminder armed after the move would take its next tick from the moved clock and skip that one.
/// Create it before the silo starts, so no event is missed.
/// </summary>
public sealed class ArmedReminders : IObserver<ReminderEvents.ReminderEvent>, IDisposable
{
    /// <summary>One local reminder (a silo's timer for one grain's reminder), by its identity.</summary>
    private sealed record LocalReminder(SiloAddress? Silo, GrainId Grain, long Version, bool Armed);

    private readonly ConcurrentDictionary<object, LocalReminder> _local = new(ReferenceEqualityComparer.Instance);
    private readonly IDisposable _subscription;

    public ArmedReminders() => _subscription = ReminderEvents.AllEvents.Subscribe(this);

    /// <summary>Whether <paramref name="grain"/>'s reminder on <paramref name="silo"/> waits for its next tick.</summary>
    public bool IsArmed(SiloAddress silo, GrainId grain) =>
        _local.Values.Any(r => r.Armed && r.Grain == grain && Equals(r.Silo, silo));

    public void OnNext(ReminderEvents.ReminderEvent value)
    {
        switch (value)
        {
            case ReminderEvents.LocalReminderTickWaitArmed armed:
                // A wait armed on a schedule that has changed meanwhile is being cancelled: not armed.
                _local.AddOrUpdate(armed.Identity, new LocalReminder(value.SiloAddress, value.GrainId, armed.ScheduleVersion, true),
                    (_, known) => armed.ScheduleVersion >= known.Version ? known with { Version = armed.ScheduleVersion, Armed = true } : known);
                break;
            case ReminderEvents.LocalReminderScheduleChanged changed:
                _local.AddOrUpdate(changed.Identity, new LocalReminder(value.SiloAddress, value.GrainId, changed.ScheduleVersion, false),
                    (_, known) => known with { Version = Math.Max(known.Version, changed.ScheduleVersion), Armed = false });
                break;
            case ReminderEvents.LocalReminderStopped stopped:
                _local.TryRemove(stopped.Identity, out _);
                break;
            case ReminderEvents.TickFiring:
                foreach (var (identity, reminder) in _local)
                {
                    if (reminder.Grain == value.GrainId && Equals(reminder.Silo, value.SiloAddress))
                        _local.TryUpdate(identity, reminder with { Armed = false }, reminder);
                }
                break;
        }
    }

    public void OnError(Exception error) { }

    public void OnCompleted() { }

    public void Dispose() => _subscription.Dispose();
}
