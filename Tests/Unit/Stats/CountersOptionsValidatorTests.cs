using Onboarding.Grains.Stats;

namespace Onboarding.Tests.Unit.Stats;

public sealed class CountersOptionsValidatorTests
{
    [Fact]
    public void The_defaults_are_valid() =>
        Assert.True(new CountersOptionsValidator().Validate(null, new CountersOptions()).Succeeded);

    [Theory]
    [InlineData("00:00:00", "00:00:01", "SettleAfter")]
    [InlineData("2.00:00:00", "00:00:30", "SettleAfter")]
    [InlineData("00:02:00", "00:00:00", "SweepEvery")]
    [InlineData("00:02:00", "00:05:00", "SweepEvery")]
    public void A_wrong_setting_is_named(string settleAfter, string sweepEvery, string setting)
    {
        var result = new CountersOptionsValidator().Validate(null, new CountersOptions { SettleAfter = TimeSpan.Parse(settleAfter), SweepEvery = TimeSpan.Parse(sweepEvery) });

        Assert.True(result.Failed);
        Assert.Contains($"Counters:{setting}", result.FailureMessage);
    }
}
