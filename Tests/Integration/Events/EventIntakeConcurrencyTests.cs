using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
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

    public WatchedReceives Receives { get; } = new();

    public AnswerGate Gate { get; } = new();

    /// <summary>The silo's warnings and errors (e.g. answers that were not delivered).</summary>
    public CapturedLogs Logs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Events:Receivers", "1"), new("Events:MaxInFlight", MaxInFlight.ToString())];

    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        services.AddSingleton<ICloudFormationResponder>(sp => new GatedResponder(ActivatorUtilities.CreateInstance<HttpCloudFormationResponder>(sp), Gate));
        services.AddSingleton<ILoggerProvider>(Logs);
        Receives.Watch(services);
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
    private static readonly TimeSpan Patience = Eventually.DefaultTimeout;

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
