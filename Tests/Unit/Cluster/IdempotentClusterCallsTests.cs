using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Onboarding.Api.Cluster;
using Onboarding.Tests.Infrastructure;
using Orleans.Runtime;
using Orleans.Storage;

namespace Onboarding.Tests.Unit.Cluster;

public sealed class IdempotentClusterCallsTests
{
    private readonly SiloLossSignal _losses = new();

    private IdempotentClusterCalls Calls(TimeSpan retryFor, TimeProvider? clock = null) => new(
        _losses, Options.Create(new OrleansClientOptions { RetryFor = retryFor }), clock ?? TimeProvider.System, NullLogger<IdempotentClusterCalls>.Instance);

    [Fact]
    public async Task A_call_the_cluster_could_not_take_is_sent_again_until_it_is_answered()
    {
        var sent = 0;
        var answer = await Calls(TimeSpan.FromSeconds(30)).RunAsync(() =>
            ++sent < 3 ? Task.FromException<string>(new SiloUnavailableException("gone")) : Task.FromResult("view"));

        Assert.Equal("view", answer);
        Assert.Equal(3, sent);
    }

    [Fact]
    public async Task A_call_whose_activation_lost_a_concurrency_check_is_sent_again_to_a_fresh_one()
    {
        var sent = 0;
        var answer = await Calls(TimeSpan.FromSeconds(30)).RunAsync(() =>
            ++sent == 1 ? Task.FromException<string>(new InconsistentStateException("stale activation", "7", "6")) : Task.FromResult("view"));

        Assert.Equal("view", answer);
        Assert.Equal(2, sent);
    }

    [Fact]
    public async Task A_failure_that_is_not_the_clusters_is_not_repeated()
    {
        var sent = 0;
        await Assert.ThrowsAsync<InvalidOperationException>(() =>
            Calls(TimeSpan.FromSeconds(30)).RunAsync<string>(() => { sent++; throw new InvalidOperationException("a bug"); }));
        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task Without_a_retry_window_the_clusters_failure_reaches_the_caller_at_once()
    {
        var sent = 0;
        await Assert.ThrowsAsync<SiloUnavailableException>(() =>
            Calls(TimeSpan.Zero).RunAsync(() => { sent++; return Task.FromException<string>(new SiloUnavailableException("gone")); }));
        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task A_silo_lost_while_the_call_is_out_sends_it_again_and_the_first_answer_wins()
    {
        var neverAnswered = new TaskCompletionSource<string>();
        var sent = 0;
        var running = Calls(TimeSpan.FromSeconds(30)).RunAsync(() => ++sent == 1 ? neverAnswered.Task : Task.FromResult("view"));

        _losses.NotifyGatewayCountChanged(currentNumberOfGateways: 1, previousNumberOfGateways: 2, connectionRecovered: false);

        Assert.Equal("view", await running);
        Assert.Equal(2, sent);
    }

    [Fact]
    public async Task A_new_gateway_is_no_loss()
    {
        var answer = new TaskCompletionSource<string>();
        var sent = 0;
        var running = Calls(TimeSpan.FromSeconds(30)).RunAsync(() => { sent++; return answer.Task; });

        _losses.NotifyGatewayCountChanged(currentNumberOfGateways: 3, previousNumberOfGateways: 2, connectionRecovered: false);
        answer.SetResult("view");

        Assert.Equal("view", await running);
        Assert.Equal(1, sent);
    }

    [Fact]
    public async Task After_a_silo_loss_the_caller_gets_a_timeout_at_the_deadline_not_after_the_calls_own_timeout()
    {
        var clock = new FakeTimeProvider();
        var sent = 0;
        var running = Calls(TimeSpan.FromSeconds(15), clock).RunAsync(() => { Interlocked.Increment(ref sent); return new TaskCompletionSource<string>().Task; });

        _losses.NotifyClusterConnectionLost();
        await Eventually.TrueAsync(() => Volatile.Read(ref sent) == 2, "the call to be sent again after the loss");
        clock.Advance(TimeSpan.FromSeconds(15));

        await Assert.ThrowsAsync<TimeoutException>(() => running);
    }
}
