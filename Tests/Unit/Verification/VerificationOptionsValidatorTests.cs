using Microsoft.Extensions.Options;
using Onboarding.Grains.Templates;
using Onboarding.Silo.Verification;

namespace Onboarding.Tests.Unit.Verification;

public sealed class VerificationOptionsValidatorTests
{
    private static VerificationOptionsValidator Validator(int serviceTimeoutSeconds = 300) =>
        new(Options.Create(new RoleTemplateOptions { ServiceTimeoutSeconds = serviceTimeoutSeconds }));

    [Fact]
    public void The_defaults_pass_under_the_shipped_ServiceTimeout() =>
        Assert.True(Validator().Validate(null, new VerificationOptions()).Succeeded);

    [Fact]
    public void Each_wrong_setting_gets_its_own_message_naming_it()
    {
        var options = new VerificationOptions
        {
            MaxWait = TimeSpan.FromMinutes(10),
            RoleSessionName = "has space",
            RecheckEvery = TimeSpan.FromSeconds(5),
            NegativeRecheckEvery = TimeSpan.FromDays(365),
            MaxAssumeRolePerSecond = 0,
            SweepTick = TimeSpan.FromSeconds(10),
        };

        var failures = Validator().Validate(null, options).Failures!.ToList();

        Assert.Equal(6, failures.Count);
        foreach (var key in new[] { "MaxWait", "RoleSessionName", "RecheckEvery", "NegativeRecheckEvery", "MaxAssumeRolePerSecond", "SweepTick" })
            Assert.Contains(failures, f => f.StartsWith($"Verification:{key} ", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(300, 240, true)]     // the bound: ServiceTimeout less the answer's margin
    [InlineData(300, 241, false)]
    [InlineData(90, 30, true)]
    [InlineData(90, 31, false)]
    [InlineData(300, 0.5, false)]    // under a second: not even one propagation retry
    public void MaxWait_stays_under_the_templates_ServiceTimeout_less_the_answers_margin(int serviceTimeoutSeconds, double maxWaitSeconds, bool valid)
    {
        var result = Validator(serviceTimeoutSeconds).Validate(null, new VerificationOptions { MaxWait = TimeSpan.FromSeconds(maxWaitSeconds) });

        Assert.Equal(valid, result.Succeeded);
        if (!valid) Assert.Contains("Template:ServiceTimeoutSeconds", Assert.Single(result.Failures!));
    }

    [Fact]
    public void A_ServiceTimeout_too_short_for_any_wait_says_to_raise_it()
    {
        var failure = Assert.Single(Validator(serviceTimeoutSeconds: 60).Validate(null, new VerificationOptions()).Failures!);

        Assert.Contains("raise ServiceTimeoutSeconds", failure);
    }

    [Theory]
    [InlineData("onboarding-verification", true)]
    [InlineData("Partner+Checks=1,a.b@c_d", true)]
    [InlineData("x", false)]                                   // STS wants at least 2
    [InlineData("no/slash", false)]
    [InlineData("ünïcode", false)]                             // STS's \w is ASCII
    public void RoleSessionName_follows_STS_rules(string name, bool valid) =>
        Assert.Equal(valid, Validator().Validate(null, new VerificationOptions { RoleSessionName = name }).Succeeded);

    [Fact]
    public void RoleSessionName_of_65_characters_is_refused() =>
        Assert.False(Validator().Validate(null, new VerificationOptions { RoleSessionName = new string('a', 65) }).Succeeded);

    [Fact]
    public void Negative_rechecks_are_never_more_frequent_than_rechecks() =>
        Assert.False(Validator().Validate(null, new VerificationOptions { RecheckEvery = TimeSpan.FromDays(2), NegativeRecheckEvery = TimeSpan.FromDays(1) }).Succeeded);

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(-1)]
    [InlineData(20_000)]
    public void MaxAssumeRolePerSecond_must_be_a_sensible_positive_rate(double rate) =>
        Assert.False(Validator().Validate(null, new VerificationOptions { MaxAssumeRolePerSecond = rate }).Succeeded);
}
