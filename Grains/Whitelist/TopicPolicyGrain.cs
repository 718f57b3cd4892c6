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
    /// <summary>Writes per batch: the first, and re-applications of edits another writer undid.</summary>
    private const int MaxWrites = 3;

    private readonly List<QueuedEdit> _queue = [];
    private bool _flushing;

    private string TopicArn => this.GetPrimaryKeyString();

    public Task<WhitelistOutcome> AddAccount(string accountId) => Enqueue(accountId, add: true);

    public Task<WhitelistOutcome> RemoveAccount(string accountId) => Enqueue(accountId, add: false);

    // Organization ids (o-…) never collide with account ids (12 digits): one queue keeps the order of both.
    public Task<WhitelistOutcome> AddOrganization(string organizationId) => Enqueue(organizationId, add: true, organization: true);

    public Task<WhitelistOutcome> RemoveOrganization(string organizationId) => Enqueue(organizationId, add: false, organization: true);

    private Task<WhitelistOutcome> Enqueue(string accountId, bool add, bool organization = false)
    {
        var edit = new QueuedEdit(accountId, add, organization);
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

    /// <summary>
    /// Read-modify-write, then read again to confirm: SetTopicAttributes has no write condition, so another
    /// writer (or a stale read) can undo an edit. What did not stick is applied again, up to <see cref="MaxWrites"/> writes.
    /// </summary>
    private async Task ApplyAsync(List<QueuedEdit> batch)
    {
        IReadOnlyCollection<string> remove = [.. batch.Where(e => !e.Add && !e.Organization).Select(e => e.AccountId)];
        IReadOnlyCollection<string> addOrganizations = [.. batch.Where(e => e.Add && e.Organization).Select(e => e.AccountId)];
        IReadOnlyCollection<string> removeOrganizations = [.. batch.Where(e => !e.Add && e.Organization).Select(e => e.AccountId)];
        var read = await ReadAsync();
        var before = read.Organizations;
        var (withOrganizations, organizationsChanged) = read.WithOrganizations(addOrganizations, removeOrganizations);
        var decided = withOrganizations.Apply([.. batch.Where(e => e.Add && !e.Organization).Select(e => e.AccountId)], remove, Limits());
        // Accounts refused for want of room are answered TopicFull and not tried again.
        IReadOnlyCollection<string> add = [.. decided.Added, .. decided.AlreadyPresent];
        for (var (edit, changed, writes) = (decided, decided.Changed || organizationsChanged, 0); changed; writes++)
        {
            if (writes == MaxWrites)
                throw new InvalidOperationException($"The policy of {TopicArn} still lacked {edit.Added.Count + edit.Removed.Count} edits after {writes} writes.");
            await policies.SetPolicyAsync(TopicArn, edit.PolicyJson, CancellationToken.None);
            var (again, organizationsLost) = (await ReadAsync()).WithOrganizations(addOrganizations, removeOrganizations);
            edit = again.Apply(add, remove, Limits());
            if (edit.Rejected.Count > 0)
                throw new InvalidOperationException($"Another writer left no room in the policy of {TopicArn} for {edit.Rejected.Count} accounts of this batch.");
            changed = edit.Changed || organizationsLost;
            if (changed) LogEditsLost(TopicArn, edit.Added.Count + edit.Removed.Count, writes + 1);
        }
        LogBatchApplied(TopicArn, batch.Count, decided.Changed || organizationsChanged);
        foreach (var edit in batch) edit.Outcome.TrySetResult(edit.Organization ? OrganizationOutcome(edit, before) : OutcomeOf(edit, decided));
    }

    private static WhitelistOutcome OrganizationOutcome(QueuedEdit edit, IReadOnlySet<string> before) => edit.Add
        ? before.Contains(edit.AccountId) ? WhitelistOutcome.AlreadyPresent : WhitelistOutcome.Added
        : before.Contains(edit.AccountId) ? WhitelistOutcome.Removed : WhitelistOutcome.NotPresent;

    private async Task<TopicPolicyDocument> ReadAsync() =>
        TopicPolicyDocument.Parse(await policies.GetPolicyAsync(TopicArn, CancellationToken.None), TopicArn);

    private static WhitelistOutcome OutcomeOf(QueuedEdit edit, PolicyEdit result) => edit.Add
        ? result.Added.Contains(edit.AccountId) ? WhitelistOutcome.Added
        : result.AlreadyPresent.Contains(edit.AccountId) ? WhitelistOutcome.AlreadyPresent
        : WhitelistOutcome.TopicFull
        : result.Removed.Contains(edit.AccountId) ? WhitelistOutcome.Removed : WhitelistOutcome.NotPresent;

    private TopicPolicyLimits Limits() => TopicPolicyLimits.Sns with { MaxCustomerAccounts = options.Value.MaxAccountsPerTopic };

    private sealed record QueuedEdit(string AccountId, bool Add, bool Organization)
    {
        public TaskCompletionSource<WhitelistOutcome> Outcome { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    [LoggerMessage(LogLevel.Debug, "Applied {Count} policy edits to {TopicArn} (changed: {Changed})")]
    private partial void LogBatchApplied(string topicArn, int count, bool changed);

    [LoggerMessage(LogLevel.Warning, "The policy of {TopicArn} lost {Count} of this grain's edits after write {Writes} (another writer or a stale read); applying them again")]
    private partial void LogEditsLost(string topicArn, int count, int writes);

    [LoggerMessage(LogLevel.Warning, "Applying {Count} policy edits to {TopicArn} failed; callers get the error and may retry")]
    private partial void LogBatchFailed(Exception exception, string topicArn, int count);
}
