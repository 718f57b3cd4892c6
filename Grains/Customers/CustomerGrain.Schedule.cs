using Microsoft.Extensions.Logging;
using Onboarding.Customers;
using Onboarding.Grains.Notifications;

namespace Onboarding.Grains.Customers;

/// <summary>
/// Stalled and abandoned onboardings. An onboarding in flight holds one durable reminder (the only
/// thing that survives deactivation and restarts); every tick decides from persisted timestamps
/// through <see cref="StalledOnboardingRules"/>, and a grain timer catches the precise moment when
/// something falls due between two ticks. Active and Removed customers hold no reminder.
/// </summary>
public sealed partial class CustomerGrain
{
    public const string ScheduleReminderName = "onboarding-schedule";

    private IGrainReminder? _reminder;
    private IGrainTimer? _dueTimer;

    private bool InFlight => State.State is OnboardingState.Pending or OnboardingState.Templated or OnboardingState.Activating;

    /// <summary>In flight without a reminder known to this activation, or done with one.</summary>
    private bool NeedsReminderSync => InFlight ? _reminder is null : _reminder is not null;

    public Task ReceiveReminder(string reminderName, TickStatus status) =>
        reminderName == ScheduleReminderName ? OnScheduleTickAsync() : Task.CompletedTask;

    private async Task OnScheduleTickAsync()
    {
        var decision = StalledOnboardingRules.Decide(State, stalledOptions.Value, clock.GetUtcNow());
        switch (decision.Action)
        {
            case StalledAction.Stop:
                _reminder ??= await this.GetReminder(ScheduleReminderName);
                await SyncReminderAsync();
                return;
            case StalledAction.ResumePending:
                using (var budget = callOptions.Value.StartBudget()) await ResumePendingAsync(budget.Token);
                break;
            case StalledAction.Reprompt:
                await RepromptAsync();
                break;
            case StalledAction.Abandon:
                await AbandonAsync();
                return;
            case StalledAction.ExpireAnswer:
                // The poller that held the answer is gone, or never reported back.
                await ExpireAnswerAsync();
                return;
        }
        ScheduleDueTimer();
    }

    private async Task RepromptAsync()
    {
        var options = stalledOptions.Value;
        var now = clock.GetUtcNow();
        State.PromptCount++;
        State.LastPromptAt = now;
        // The link in the prompt must still work when the customer reads it, up to the next prompt.
        var nextDue = StalledOnboardingRules.NextRepromptAt(State, options) ?? State.StartedAt + options.AbandonAfter;
        if (State.LaunchLinkNeededBy(nextDue))
        {
            using var budget = callOptions.Value.StartBudget();
            await IssueLaunchUrlAsync(budget.Token);
        }
        Apply(OnboardingTrigger.Reprompted, $"re-prompt {State.PromptCount} of {options.MaxReprompts}");
        Notify(PartnerNotificationTypes.OnboardingStalled, $"no stack since {State.StateSince:u}", State.LaunchUrl, State.PromptCount);
        await SaveAsync();
        LogReprompted(AccountId, State.PromptCount);
        await RunFollowUpsAsync(recordRequired: false);
    }

    private async Task AbandonAsync()
    {
        Notify(PartnerNotificationTypes.OnboardingAbandoned, $"no stack within {stalledOptions.Value.AbandonAfter}", launchUrl: null, prompt: null);
        Apply(OnboardingTrigger.Abandoned, "Abandoned: no stack was created in time");
        await SaveAsync();
        LogAbandoned(AccountId);
        // Deletes the template, takes the account off its topic, notifies, drops the reminder.
        await RunFollowUpsAsync(recordRequired: false);
    }

    /// <summary>Registers the reminder while in flight, unregisters it once not; idempotent per activation.</summary>
    private async Task SyncReminderAsync()
    {
        var period = stalledOptions.Value.ReminderPeriod;
        if (InFlight && _reminder is null)
        {
            _reminder = await this.RegisterOrUpdateReminder(ScheduleReminderName, period, period);
            ScheduleDueTimer();
        }
        else if (!InFlight && _reminder is { } reminder)
        {
            await this.UnregisterReminder(reminder);
            _reminder = null;
            _dueTimer?.Dispose();
            _dueTimer = null;
        }
    }

    /// <summary>When the next prompt or the abandonment falls due before the next tick, a timer takes it exactly.</summary>
    private void ScheduleDueTimer()
    {
        _dueTimer?.Dispose();
        _dueTimer = null;
        var decision = StalledOnboardingRules.Decide(State, stalledOptions.Value, clock.GetUtcNow());
        if (decision is not { Action: StalledAction.Wait, NextDueAt: { } dueAt }) return;
        var wait = dueAt - clock.GetUtcNow();
        if (wait >= stalledOptions.Value.ReminderPeriod) return;
        _dueTimer = this.RegisterGrainTimer(_ => OnScheduleTickAsync(), new GrainTimerCreationOptions(wait < TimeSpan.Zero ? TimeSpan.Zero : wait, Timeout.InfiniteTimeSpan));
    }

    [LoggerMessage(LogLevel.Information, "Re-prompted account {AccountId} (prompt {Prompt})")]
    private partial void LogReprompted(string accountId, int prompt);

    [LoggerMessage(LogLevel.Information, "Abandoned the onboarding of account {AccountId}")]
    private partial void LogAbandoned(string accountId);
}
