using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Tests.Unit.Events;

namespace Onboarding.Tests.Unit.Customers;

/// <summary>An Activating customer: what the schedule and a second Create decide while its answer awaits acceptance.</summary>
public sealed class ActivatingRulesTests
{
    private static readonly DateTimeOffset AnswerBy = new(2026, 11, 30, 12, 5, 0, TimeSpan.Zero);
    private static readonly StalledOnboardingOptions Options = new();

    private static CustomerState Activating() => new()
    {
        AccountId = SampleRequests.Account,
        State = OnboardingState.Activating,
        // Long past abandonment and every re-prompt, were it Templated.
        StartedAt = AnswerBy.AddDays(-365),
        StateSince = AnswerBy.AddMinutes(-5),
        AwaitingAcceptance = new AwaitedAnswer("arn:aws:cloudformation:us-east-1:123456789012:stack/s/1", "request-1", AnswerBy),
    };

    [Fact]
    public void Before_the_deadline_the_schedule_waits_for_exactly_the_deadline() =>
        Assert.Equal(new StalledDecision(StalledAction.Wait, AnswerBy), StalledOnboardingRules.Decide(Activating(), Options, AnswerBy.AddSeconds(-1)));

    [Fact]
    public void At_and_after_the_deadline_the_schedule_expires_the_answer()
    {
        Assert.Equal(StalledAction.ExpireAnswer, StalledOnboardingRules.Decide(Activating(), Options, AnswerBy).Action);
        Assert.Equal(StalledAction.ExpireAnswer, StalledOnboardingRules.Decide(Activating(), Options, AnswerBy.AddDays(30)).Action);
    }

    [Fact]
    public void An_Activating_customer_is_never_abandoned_or_reprompted_while_its_answer_may_still_land()
    {
        var templated = Activating();
        templated.State = OnboardingState.Templated;
        Assert.Equal(StalledAction.Abandon, StalledOnboardingRules.Decide(templated, Options, AnswerBy.AddMinutes(-1)).Action);

        Assert.Equal(StalledAction.Wait, StalledOnboardingRules.Decide(Activating(), Options, AnswerBy.AddMinutes(-1)).Action);
    }
}
