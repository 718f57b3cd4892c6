using Onboarding.Grains.Customers;

namespace Onboarding.Tests.Unit.Customers;

public sealed class OnboardingOptionsValidatorTests
{
    private static OnboardingOptions Valid() => new() { PartnerAccountId = "111122223333", AllowedRegions = ["eu-west-1"] };

    [Fact]
    public void Valid_settings_pass()
    {
        Assert.True(new OnboardingOptionsValidator().Validate(null, Valid()).Succeeded);
    }

    [Fact]
    public void Each_wrong_setting_gets_its_own_message_naming_it()
    {
        var options = Valid();
        options.PartnerAccountId = "12345";
        options.AllowedRegions = ["Europe"];
        options.LaunchUrlLifetime = TimeSpan.FromDays(8);
        options.StackNamePrefix = "1bad_name";
        options.TrustedPrincipalArn = "arn:aws:iam::123:user/x";

        var result = new OnboardingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.StartsWith("Onboarding:PartnerAccountId", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Onboarding:AllowedRegions", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Onboarding:LaunchUrlLifetime", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Onboarding:StackNamePrefix", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Onboarding:TrustedPrincipalArn", StringComparison.Ordinal));
    }

    [Fact]
    public void The_trusted_principal_defaults_to_the_partner_root()
    {
        Assert.Equal("arn:aws:iam::111122223333:root", Valid().EffectiveTrustedPrincipalArn);
    }
}
