using Onboarding.Silo.Verification;

namespace Onboarding.Tests.Unit.Verification;

public sealed class AssumeRolePaceTests
{
    [Theory]
    [InlineData(10, 100, 1)]        // one turn every 100 ms: evenly spread
    [InlineData(0.5, 2000, 1)]      // slower than one a second
    [InlineData(1, 1000, 1)]
    [InlineData(100, 100, 10)]      // faster than timers tick: ten ticks a second, several turns each
    [InlineData(600, 100, 60)]
    public void The_rate_becomes_evenly_spaced_turns(double perSecond, int tickMilliseconds, int turns) =>
        Assert.Equal((TimeSpan.FromMilliseconds(tickMilliseconds), turns), AssumeRolePace.Bucket(perSecond));
}
