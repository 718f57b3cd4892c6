using Orleans.Concurrency;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Whitelist;

namespace Onboarding.Grains.Whitelist;

/// <summary>
/// Spreads a region's customers over event topics (key: the region): names the topic that takes new
/// customers; the customers join its policy themselves, after recording it. Reentrant so that opening a
/// new topic when the current one is full happens once, however many callers found it full.
/// </summary>
[Reentrant]
public sealed partial class RegionTopicsGrain(
    [PersistentState("regionTopics", StorageNames.Onboarding)] IPersistentState<RegionTopicsState> topics,
    IEventTopicFactory topicFactory,
    IOptions<WhitelistOptions> options,
    ILogger<RegionTopicsGrain> logger) : Grain, IRegionTopicsGrain
{
    private Task<string>? _opening;

    private string Region => this.GetPrimaryKeyString();

    private string? CurrentTopicArn => topics.State.TopicArns.LastOrDefault();

    public Task<string> CurrentTopic() => OpenNextTopicAsync(fullTopic: null);

    public Task<string> NextTopic(string fullTopic) => OpenNextTopicAsync(fullTopic);

    public Task<IReadOnlyList<string>> GetTopics() => Task.FromResult<IReadOnlyList<string>>([.. topics.State.TopicArns]);

    /// <summary>The current topic unless it is <paramref name="fullTopic"/> (or none): then opens the next one, once.</summary>
    private Task<string> OpenNextTopicAsync(string? fullTopic)
    {
        if (CurrentTopicArn is { } current && current != fullTopic) return Task.FromResult(current);
        if (_opening is { } opening) return opening;
        var task = OpenAsync();
        // OpenAsync clears _opening when it ends; remember it only while it is still running.
        if (!task.IsCompleted) _opening = task;
        return task;
    }

    private async Task<string> OpenAsync()
    {
        try
        {
            var name = $"{options.Value.TopicNamePrefix}-{Region}-{topics.State.TopicArns.Count + 1:D3}";
            var topicArn = await topicFactory.OpenAsync(Region, name, CancellationToken.None);
            topics.State.TopicArns.Add(topicArn);
            await topics.WriteStateAsync();
            LogOpened(topicArn, Region, topics.State.TopicArns.Count);
            return topicArn;
        }
        finally
        {
            _opening = null;
        }
    }

    [LoggerMessage(LogLevel.Information, "Opened event topic {TopicArn} for region {Region} (topic {Count} of the region)")]
    private partial void LogOpened(string topicArn, string region, int count);
}
