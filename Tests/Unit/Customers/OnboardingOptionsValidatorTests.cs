using Onboarding.Grains.Customers;

namespace Onboarding.Tests.Unit.Customers;

public sealed class OnboardingOptionsValidatorTests
{
    private static OnboardingOptions Valid() => new()
    {
        PartnerAccountId = "111122223333",
        AllowedRegions = ["eu-west-1"],
        PublicBaseUrl = new Uri("https://onboarding.example.com/"),
    };

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

    [Theory]
    [InlineData(null)]
    [InlineData("onboarding.example.com/")]
    [InlineData("http://onboarding.example.com/")]
    [InlineData("ftp://onboarding.example.com/")]
    [InlineData("https://onboarding.example.com/?to=x")]
    [InlineData("https://onboarding.example.com/#top")]
    public void The_public_base_url_must_be_https_without_query_or_fragment(string? url)
    {
        var options = Valid();
        options.PublicBaseUrl = url is null ? null : new Uri(url, UriKind.RelativeOrAbsolute);

        var result = new OnboardingOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.StartsWith("Onboarding:PublicBaseUrl", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("https://onboarding.example.com/")]
    [InlineData("https://example.com/partner/onboarding")]
    [InlineData("http://127.0.0.1:5080/")]
    [InlineData("http://localhost/")]
    public void The_public_base_url_may_be_https_with_a_path_or_plain_http_on_loopback(string url)
    {
        var options = Valid();
        options.PublicBaseUrl = new Uri(url);

        Assert.True(new OnboardingOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void The_public_base_url_is_never_echoed_when_it_carries_user_info()
    {
        var options = Valid();
        options.PublicBaseUrl = new Uri("https://admin:hunter22@onboarding.example.com/");

        var failure = Assert.Single(new OnboardingOptionsValidator().Validate(null, options).Failures!);

        Assert.DoesNotContain("hunter22", failure);
    }

    [Theory]
    [InlineData("00:04:59")]
    [InlineData("7.00:00:01")]
    public void The_template_url_lifetime_stays_between_five_minutes_and_seven_days(string lifetime)
    {
        var options = Valid();
        options.TemplateUrlLifetime = TimeSpan.Parse(lifetime, System.Globalization.CultureInfo.InvariantCulture);

        var failure = Assert.Single(new OnboardingOptionsValidator().Validate(null, options).Failures!);

        Assert.StartsWith("Onboarding:TemplateUrlLifetime", failure);
    }

    [Fact]
    public void The_trusted_principal_defaults_to_the_partner_root()
    {
        Assert.Equal("arn:aws:iam::111122223333:root", Valid().EffectiveTrustedPrincipalArn);
    }
}
