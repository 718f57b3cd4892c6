using Microsoft.Extensions.Time.Testing;
using Onboarding.Silo.Events;

namespace Onboarding.Tests.Unit.Events;

public sealed class ReceivePauseTests
{
    private readonly FakeTimeProvider _clock = new();

    [Fact]
    public async Task Receiving_waits_out_the_pause_and_goes_on_when_it_ends()
    {
        var pause = new ReceivePause(_clock);
        Assert.True(await pause.WaitAsync(CancellationToken.None));

        pause.Extend(TimeSpan.FromSeconds(10));
        var waiting = pause.WaitAsync(CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(9));
        Assert.False(waiting.IsCompleted);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True(await waiting);
        Assert.False(pause.IsPaused);
    }

    [Fact]
    public void A_shorter_pause_never_cuts_a_longer_one_and_clearing_ends_it()
    {
        var pause = new ReceivePause(_clock);
        pause.Extend(TimeSpan.FromSeconds(30));
        pause.Extend(TimeSpan.FromSeconds(1));
        _clock.Advance(TimeSpan.FromSeconds(5));
        Assert.True(pause.IsPaused);

        pause.Clear();
        Assert.False(pause.IsPaused);
    }

    [Fact]
    public async Task Stopping_ends_the_wait_with_false()
    {
        var pause = new ReceivePause(_clock);
        pause.Extend(TimeSpan.FromMinutes(1));
        using var stopping = new CancellationTokenSource();

        var waiting = pause.WaitAsync(stopping.Token);
        await stopping.CancelAsync();

        Assert.False(await waiting);
    }
}
