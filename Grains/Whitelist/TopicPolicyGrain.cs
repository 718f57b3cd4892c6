using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Whitelist;

namespace Onboarding.Grains.Whitelist;

/// <summary>
/// The single writer of one topic's access policy (key: the topic ARN). Calls interleave so that
/// the edits queued while one read-modify-write of the policy is in flight are applied together in
/// the next one: 1,000 concurrent starts cost a handful of SNS round trips, and no update is lost.
/// </summary>
[Reentrant]
public sealed partial class TopicPolicyGrain(
    ITopicPolicyGateway policies,
    IOptions<WhitelistOptions> options,
    ILogger<TopicPolicyGrain> logger) : Grain, ITopicPolicyGrain
{
    private readonly List<QueuedEdit> _queue = [];
    private bool _flushing;

    private string TopicArn => this.GetPrimaryKeyString();

    public Task<WhitelistOutcome> AddAccount(string accountId) => Enqueue(accountId, add: true);

    public Task<WhitelistOutcome> RemoveAccount(string accountId) => Enqueue(accountId, add: false);

    private Task<WhitelistOutcome> Enqueue(string accountId, bool add)
    {
        var edit = new QueuedEdit(accountId, add);
        _queue.Add(edit);
        if (!_flushing)
        {
            _flushing = true;
            _ = FlushAsync();
        }
        return edit.Outcome.Task;
    }

    /// <summary>Drains the queue one batch at a time; runs on the grain's scheduler, so no locks are needed.</summary>
    private async Task FlushAsync()
    {
        try
        {
            while (_queue.Count > 0)
            {
                var batch = TakeBatch();
                try
                {
                    await ApplyAsync(batch);
                }
                catch (Exception exception)
                {
                    LogBatchFailed(exception, TopicArn, batch.Count);
                    foreach (var edit in batch) edit.Outcome.TrySetException(exception);
                }
            }
        }
        finally
        {
            _flushing = false;
        }
    }

    /// <summary>Takes queued edits up to the first account that is already in the batch, keeping order per account.</summary>
    private List<QueuedEdit> TakeBatch()
    {
        var batch = new List<QueuedEdit>();
        var accounts = new HashSet<string>(StringComparer.Ordinal);
        foreach (var edit in _queue)
        {
            if (!accounts.Add(edit.AccountId)) break;
            batch.Add(edit);
        }
        _queue.RemoveRange(0, batch.Count);
        return batch;
    }

    private async Task ApplyAsync(List<QueuedEdit> batch)
    {
        var current = await policies.GetPolicyAsync(TopicArn, CancellationToken.None);
        var document = TopicPolicyDocument.Parse(current, TopicArn);
        var result = document.Apply(
            [.. batch.Where(e => e.Add).Select(e => e.AccountId)],
            [.. batch.Where(e => !e.Add).Select(e => e.AccountId)],
            Limits());
        if (result.Changed)
        {
            await policies.SetPolicyAsync(TopicArn, result.PolicyJson, CancellationToken.None);
        }
        LogBatchApplied(TopicArn, batch.Count, result.Changed);
        foreach (var edit in batch) edit.Outcome.TrySetResult(OutcomeOf(edit, result));
    }

    private static WhitelistOutcome OutcomeOf(QueuedEdit edit, PolicyEdit result) => edit.Add
        ? result.Added.Contains(edit.AccountId) ? WhitelistOutcome.Added
        : result.AlreadyPresent.Contains(edit.AccountId) ? WhitelistOutcome.AlreadyPresent
        : WhitelistOutcome.TopicFull
        : result.Removed.Contains(edit.AccountId) ? WhitelistOutcome.Removed : WhitelistOutcome.NotPresent;

    private TopicPolicyLimits Limits() => TopicPolicyLimits.Sns with { MaxCustomerAccounts = options.Value.MaxAccountsPerTopic };

    private sealed record QueuedEdit(string AccountId, bool Add)
    {
        public TaskCompletionSource<WhitelistOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(LogLevel.Debug, "Applied {Count} policy edits to {TopicArn} (changed: {Changed})")]
    private partial void LogBatchApplied(string topicArn, int count, bool changed);

    [LoggerMessage(LogLevel.Warning, "Applying {Count} policy edits to {TopicArn} failed; callers get the error and may retry")]
    private partial void LogBatchFailed(Exception exception, string topicArn, int count);
}
