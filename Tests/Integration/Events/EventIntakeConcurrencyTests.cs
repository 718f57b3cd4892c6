using System.Collections.Concurrent;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Events;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Events;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Events;

/// <summary>
/// Answers to CloudFormation can be held at a gate by request id, to see what the poller does
/// meanwhile; and the poller's receives are watched (<see cref="WatchedReceives"/>).
/// </summary>
public sealed class GatedAnswersService : OnboardingService
{
    public const int MaxInFlight = 2;

    public AnswerGate Gate { get; } = new();

    public WatchedReceives Receives { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Events:Receivers", "1"), new("Events:MaxInFlight", MaxInFlight.ToString())];

    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        services.AddSingleton<ICloudFormationResponder>(sp => new GatedResponder(ActivatorUtilities.CreateInstance<HttpCloudFormationResponder>(sp), Gate));
        var sqs = services.Last(d => d.ServiceType == typeof(IAmazonSQS));
        services.AddSingleton(sp => WatchedSqs.Wrap((IAmazonSQS)sqs.ImplementationFactory!(sp), Receives));
    }

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

    public sealed class AnswerGate
    {
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _held = new();
        private readonly ConcurrentDictionary<string, TaskCompletionSource> _arrived = new();

        public void Hold(string requestId) => _held[requestId] = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void Release(string requestId) => _held[requestId].TrySetResult();

        /// <summary>Completes when the service is about to answer this request.</summary>
        public Task Arrived(string requestId) => Signal(requestId).Task;

        public Task PassAsync(string requestId)
        {
            Signal(requestId).TrySetResult();
            return _held.TryGetValue(requestId, out var hold) ? hold.Task : Task.CompletedTask;
        }

        private TaskCompletionSource Signal(string requestId) =>
            _arrived.GetOrAdd(requestId, _ => new(TaskCreationOptions.RunContinuationsAsynchronously));
    }

    private sealed class GatedResponder(ICloudFormationResponder inner, AnswerGate gate) : ICloudFormationResponder
    {
        public async Task<AnswerDelivery> SendAsync(Uri responseUrl, CustomResourceAnswer answer, CancellationToken cancellationToken)
        {
            await gate.PassAsync(answer.RequestId);
            return await inner.SendAsync(responseUrl, answer, cancellationToken);
        }
    }
}

public sealed class EventIntakeConcurrencyTests(GatedAnswersService service) : IClassFixture<GatedAnswersService>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task At_most_MaxInFlight_messages_are_worked_on_and_a_freed_slot_takes_the_next_without_waiting_for_the_rest()
    {
        var events = new StackEvents(service);
        var (_, slow1, _) = await events.StartAndLaunchAsync();
        var (_, slow2, _) = await events.StartAndLaunchAsync();
        var (_, next, _) = await events.StartAndLaunchAsync();
        var first = await events.CloudFormation.NewRequestAsync(slow1, "Create", physicalResourceId: null);
        var second = await events.CloudFormation.NewRequestAsync(slow2, "Create", physicalResourceId: null);
        var third = await events.CloudFormation.NewRequestAsync(next, "Create", physicalResourceId: null);
        string Id(CustomerSimulation.CloudFormation.CloudFormationSimulator.PendingRequest r) => r.Request["RequestId"]!.GetValue<string>();
        service.Gate.Hold(Id(first));
        service.Gate.Hold(Id(second));

        await events.CloudFormation.PublishAsync(slow1.TopicArn, first.Request);
        await service.Gate.Arrived(Id(first)).WaitAsync(Patience);
        await events.CloudFormation.PublishAsync(slow2.TopicArn, second.Request);
        await service.Gate.Arrived(Id(second)).WaitAsync(Patience);

        // A slot was still free after the first: the poller went straight on to receive. The second
        // took the last slot: the poller stopped at waiting for one, without receiving.
        var tookFirst = await Eventually.ValueAsync(() => Task.FromResult(service.Receives.Of(Id(first))), "the receive that brought the first request");
        var tookSecond = await Eventually.ValueAsync(() => Task.FromResult(service.Receives.Of(Id(second))), "the receive that brought the second request");
        Assert.Equal(1, tookFirst.ReceivesStarted);
        Assert.Equal(0, tookSecond.ReceivesStarted);

        // So the third request stays in the queue while both are in flight.
        await events.CloudFormation.PublishAsync(next.TopicArn, third.Request);
        Assert.False(service.Gate.Arrived(Id(third)).IsCompleted, "a third message was taken while MaxInFlight were in flight");

        // One slot frees: the third is answered while the second is still held.
        service.Gate.Release(Id(first));
        Assert.Equal("SUCCESS", (await events.CloudFormation.AnswerAsync(third.AnswerKey).WaitAsync(Patience)).GetProperty("Status").GetString());
        Assert.Null(await events.CloudFormation.TryReadAnswerAsync(second.AnswerKey));

        service.Gate.Release(Id(second));
        Assert.Equal("SUCCESS", (await events.CloudFormation.AnswerAsync(second.AnswerKey).WaitAsync(Patience)).GetProperty("Status").GetString());
        Assert.Equal("SUCCESS", (await events.CloudFormation.AnswerAsync(first.AnswerKey).WaitAsync(Patience)).GetProperty("Status").GetString());
    }
}
