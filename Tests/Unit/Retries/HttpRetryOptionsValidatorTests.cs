using Onboarding.Silo.Retries;

namespace Onboarding.Tests.Unit.Retries;

public sealed class HttpRetryOptionsValidatorTests
{
    private const string Section = "CloudFormationResponder";

    [Fact]
    public void The_defaults_and_a_total_timeout_covering_one_attempt_are_valid()
    {
        var options = new HttpRetryOptions { AttemptTimeout = TimeSpan.FromSeconds(5), TotalTimeout = TimeSpan.FromSeconds(5) };

        Assert.True(new HttpRetryOptionsValidator().Validate(Section, new HttpRetryOptions()).Succeeded);
        Assert.True(new HttpRetryOptionsValidator().Validate(Section, options).Succeeded);
    }

    [Fact]
    public void Each_wrong_setting_is_named_under_its_section()
    {
        var options = new HttpRetryOptions
        {
            MaxAttempts = 11,
            BaseDelay = TimeSpan.FromSeconds(-1),
            MaxDelay = TimeSpan.FromMinutes(6),
            AttemptTimeout = TimeSpan.FromMilliseconds(50),
            TotalTimeout = TimeSpan.FromMilliseconds(20),
        };

        var result = new HttpRetryOptionsValidator().Validate(Section, options);

        Assert.True(result.Failed);
        Assert.Equal(
            ["MaxAttempts", "BaseDelay", "MaxDelay", "AttemptTimeout", "TotalTimeout"],
            result.Failures!.Select(f => f.Split(' ')[0][(Section.Length + 1)..]));
    }

    [Fact]
    public void A_total_timeout_shorter_than_one_attempt_is_rejected()
    {
        var options = new HttpRetryOptions { AttemptTimeout = TimeSpan.FromSeconds(2), TotalTimeout = TimeSpan.FromSeconds(1) };

        var result = new HttpRetryOptionsValidator().Validate(Section, options);

        Assert.Equal(["CloudFormationResponder:TotalTimeout must be at least AttemptTimeout and at most 01:00:00 (got 00:00:01)."], result.Failures);
    }
}
