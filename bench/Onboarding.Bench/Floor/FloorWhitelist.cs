using Onboarding.Bench.Counting;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Grains.Whitelist;

namespace Onboarding.Bench.Floor;

/// <summary>
/// The floor's topic whitelist, batched as the service's topic policy grain batches it: the accounts
/// queued while one GetTopicAttributes + SetTopicAttributes round trip is in flight go together in the
/// next one, with the same policy document (so the same payload sizes) and a new topic when one is full.
/// </summary>
public sealed class FloorWhitelist(ISnsClient sns, Func<string, Task> subscribeQueue, string region, string topicPrefix)
{
    private const string PolicyAttribute = "Policy";
    private readonly object _gate = new();
    private readonly List<(string Account, TaskCompletionSource<string> Topic)> _queue = [];
    private bool _flushing;
    private int _topicCount;
    private string? _topicArn;

    public string CurrentTopic => _topicArn ?? throw new InvalidOperationException("No topic yet.");

    public async Task OpenFirstTopicAsync() => _topicArn = await OpenTopicAsync();

    public Task<string> AddAsync(string accountId)
    {
        var entry = (accountId, new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously));
        lock (_gate)
        {
            _queue.Add(entry);
            if (_flushing) return entry.Item2.Task;
            _flushing = true;
        }
        _ = Task.Run(FlushAsync);
        return entry.Item2.Task;
    }

    private async Task FlushAsync()
    {
        while (true)
        {
            List<(string Account, TaskCompletionSource<string> Topic)> batch;
            lock (_gate)
            {
                if (_queue.Count == 0) { _flushing = false; return; }
                batch = [.. _queue];
                _queue.Clear();
            }
            try
            {
                var accounts = batch.Select(b => b.Account).ToList();
                while (accounts.Count > 0)
                {
                    var topic = CurrentTopic;
                    var current = await sns.GetTopicAttributesAsync(topic);
                    var edit = TopicPolicyDocument.Parse(current.GetValueOrDefault(PolicyAttribute), topic).Apply(accounts, [], TopicPolicyLimits.Sns);
                    if (edit.Changed) await sns.SetTopicAttributeAsync(topic, PolicyAttribute, edit.PolicyJson);
                    foreach (var done in edit.Added.Concat(edit.AlreadyPresent).ToHashSet())
                        foreach (var waiting in batch.Where(b => b.Account == done)) waiting.Topic.TrySetResult(topic);
                    accounts = [.. edit.Rejected];
                    if (accounts.Count > 0) _topicArn = await OpenTopicAsync();
                }
            }
            catch (Exception error)
            {
                foreach (var waiting in batch) waiting.Topic.TrySetException(error);
            }
        }
    }

    /// <summary>As the service opens an event topic: create it, check its subscriptions, subscribe the events queue.</summary>
    private async Task<string> OpenTopicAsync()
    {
        var topicArn = await sns.CreateTopicAsync(region, $"{topicPrefix}-{region}-{++_topicCount:D3}");
        await sns.ListSubscriptionsByTopicAsync(topicArn);
        await subscribeQueue(topicArn);
        return topicArn;
    }
}
