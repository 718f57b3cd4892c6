using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;

namespace Onboarding.Tests.Integration.Events;

/// <summary>
/// Every receive of the poller, and how many further receives it started while taking in that
/// receive's messages: the answer is handed over on this side's own thread, where the poller's
/// code runs on until its next wait, so when the hand-over returns that number is final.
/// </summary>
public sealed class WatchedReceives
{
    public sealed record HandOver(IReadOnlyList<string> Bodies, int ReceivesStarted);

    private readonly ConcurrentQueue<HandOver> _handOvers = new();
    private int _started;

    public int Started => Volatile.Read(ref _started);

    /// <summary>The hand-over of the receive that brought the message containing <paramref name="marker"/>, once it returned.</summary>
    public HandOver? Of(string marker) => _handOvers.FirstOrDefault(h => h.Bodies.Any(b => b.Contains(marker, StringComparison.Ordinal)));

    /// <summary>Replaces the silo's SQS client with one whose receives this watches.</summary>
    public void Watch(IServiceCollection services)
    {
        var sqs = services.Last(d => d.ServiceType == typeof(IAmazonSQS));
        services.AddSingleton(sp => WatchedSqs.Wrap((IAmazonSQS)sqs.ImplementationFactory!(sp), this));
    }

    internal void Start() => Interlocked.Increment(ref _started);

    internal void HandedOver(HandOver handOver) => _handOvers.Enqueue(handOver);
}

/// <summary>The silo's SQS client, with <c>ReceiveMessageAsync</c> watched; every other call passes through.</summary>
public class WatchedSqs : DispatchProxy
{
    private IAmazonSQS _inner = null!;
    private WatchedReceives _receives = null!;

    public static IAmazonSQS Wrap(IAmazonSQS inner, WatchedReceives receives)
    {
        var proxy = Create<IAmazonSQS, WatchedSqs>();
        var watched = (WatchedSqs)(object)proxy;
        (watched._inner, watched._receives) = (inner, receives);
        return proxy;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (targetMethod!.Name == nameof(IAmazonSQS.ReceiveMessageAsync) && args is [ReceiveMessageRequest request, CancellationToken cancellationToken])
            return ReceiveAsync(request, cancellationToken);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException wrapped) when (wrapped.InnerException is { } inner)
        {
            ExceptionDispatchInfo.Throw(inner);
            throw;
        }
    }

    private Task<ReceiveMessageResponse> ReceiveAsync(ReceiveMessageRequest request, CancellationToken cancellationToken)
    {
        _receives.Start();
        // Not RunContinuationsAsynchronously: SetResult runs the awaiting poller inline.
        var answer = new TaskCompletionSource<ReceiveMessageResponse>();
        _ = HandOverAsync();
        return answer.Task;

        async Task HandOverAsync()
        {
            ReceiveMessageResponse response;
            try
            {
                response = await _inner.ReceiveMessageAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                answer.SetException(exception);
                return;
            }
            var startedBefore = _receives.Started;
            answer.SetResult(response);
            _receives.HandedOver(new([.. (response.Messages ?? []).Select(m => m.Body)], _receives.Started - startedBefore));
        }
    }
}
