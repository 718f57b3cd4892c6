using Orleans;
using Orleans.Runtime;

namespace Onboarding.Tests.Infrastructure.Reminders;

public interface IReminderProbeGrain : IGrainWithStringKey
{
    Task StartAsync(TimeSpan period);
    Task StopAsync();
    Task<int> TicksAsync();
}

/// <summary>Counts the ticks of one reminder, to show the reminder service runs on the DynamoDB table.</summary>
public sealed class ReminderProbeGrain : Grain, IReminderProbeGrain, IRemindable
{
    public const string ReminderName = "probe";

    private int _ticks;

    public Task StartAsync(TimeSpan period) => this.RegisterOrUpdateReminder(ReminderName, period, period);

    public async Task StopAsync()
    {
        var reminder = await this.GetReminder(ReminderName)
            ?? throw new InvalidOperationException($"Reminder '{ReminderName}' is not registered.");
        await this.UnregisterReminder(reminder);
    }

    public Task<int> TicksAsync() => Task.FromResult(_ticks);

    public Task ReceiveReminder(string reminderName, TickStatus status)
    {
        if (reminderName == ReminderName) _ticks++;
        return Task.CompletedTask;
    }
}
