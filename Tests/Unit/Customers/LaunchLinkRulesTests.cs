using Onboarding.Customers;
using Onboarding.Grains.Customers;

namespace Onboarding.Tests.Unit.Customers;

public sealed class LaunchLinkRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
    private const string Account = "123456789012";
    private static readonly string Secret = SecureTokens.CustomerLinkSecret();

    private static CustomerState Customer(OnboardingState state, DateTimeOffset? expiresAt = null, string? secret = null) => new()
    {
        AccountId = Account,
        State = state,
        CustomerLinkSecret = secret ?? Secret,
        LaunchUrlExpiresAt = expiresAt ?? Now.AddDays(3),
    };

    [Fact]
    public void The_right_secret_on_a_templated_onboarding_before_its_expiry_may_launch()
    {
        Assert.Equal(LaunchLinkStatus.Ready, LaunchLinkRules.Decide(Customer(OnboardingState.Templated), Secret, Now));
        Assert.Equal(LaunchLinkStatus.Ready, LaunchLinkRules.Decide(Customer(OnboardingState.Templated, Now.AddTicks(1)), Secret, Now));
    }

    [Theory]
    [InlineData(OnboardingState.None)]
    [InlineData(OnboardingState.Pending)]
    [InlineData(OnboardingState.Templated)]
    [InlineData(OnboardingState.Active)]
    [InlineData(OnboardingState.Removed)]
    public void A_wrong_secret_is_unknown_whatever_the_state_as_for_an_account_never_seen(OnboardingState state)
    {
        var wrong = SecureTokens.CustomerLinkSecret();

        Assert.Equal(LaunchLinkStatus.Unknown, LaunchLinkRules.Decide(Customer(state), wrong, Now));
        Assert.Equal(LaunchLinkStatus.Unknown, LaunchLinkRules.Decide(new CustomerState(), wrong, Now));
        Assert.Same(LaunchLinkAnswer.Unknown, LaunchLinkRules.Refusal(LaunchLinkStatus.Unknown, Customer(state)));
    }

    [Fact]
    public void A_record_without_a_link_secret_opens_nothing_not_even_for_an_empty_one()
    {
        var unlinked = Customer(OnboardingState.Templated);
        unlinked.CustomerLinkSecret = null;

        Assert.Equal(LaunchLinkStatus.Unknown, LaunchLinkRules.Decide(unlinked, "", Now));
    }

    [Fact]
    public void A_link_past_its_expiry_is_expired_and_says_when_it_expired()
    {
        var customer = Customer(OnboardingState.Templated, Now);

        Assert.Equal(LaunchLinkStatus.Expired, LaunchLinkRules.Decide(customer, Secret, Now));
        var answer = LaunchLinkRules.Refusal(LaunchLinkStatus.Expired, customer);
        Assert.Equal(LaunchLinkStatus.Expired, answer.Status);
        Assert.Contains("2026-11-25 09:30:00Z", answer.Reason);
    }

    [Theory]
    [InlineData(OnboardingState.Active, "already connected")]
    [InlineData(OnboardingState.Removed, "ended")]
    public void After_activation_or_removal_the_link_has_ended_with_a_plain_reason(OnboardingState state, string reason)
    {
        var customer = Customer(state);

        Assert.Equal(LaunchLinkStatus.Ended, LaunchLinkRules.Decide(customer, Secret, Now));
        var answer = LaunchLinkRules.Refusal(LaunchLinkStatus.Ended, customer);
        Assert.Contains(reason, answer.Reason);
        Assert.DoesNotContain(Account, answer.Reason);
        Assert.Null(answer.QuickCreateUrl);
    }

    [Fact]
    public void A_pending_onboarding_has_handed_out_no_link_yet()
    {
        Assert.Equal(LaunchLinkStatus.Unknown, LaunchLinkRules.Decide(Customer(OnboardingState.Pending), Secret, Now));
    }

    [Fact]
    public void A_link_that_cannot_launch_says_how_long_its_template_url_is_and_the_limit()
    {
        var answer = LaunchLinkRules.CannotLaunch(1_873, 1_024);

        Assert.Equal(LaunchLinkStatus.CannotLaunch, answer.Status);
        Assert.Contains("1873", answer.Reason);
        Assert.Contains("1024", answer.Reason);
    }
}
