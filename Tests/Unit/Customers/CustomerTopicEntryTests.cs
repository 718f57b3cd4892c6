using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Persistence;
using static Onboarding.Customers.OnboardingState;

namespace Onboarding.Tests.Unit.Customers;

/// <summary>Which topic a customer record places its account on, and when it owes leaving it.</summary>
public sealed class CustomerTopicEntryTests
{
    private const string Topic = "arn:aws:sns:us-east-1:111122223333:onboarding-events-us-east-1-001";

    [Theory]
    [InlineData(Pending, false, true)]
    [InlineData(Templated, false, true)]
    [InlineData(Active, false, true)]
    [InlineData(Removed, true, true)]
    [InlineData(Removed, false, false)]
    [InlineData(None, false, false)]
    public void A_record_justifies_an_entry_on_its_topic_while_in_flight_active_or_awaiting_its_stack_delete(
        OnboardingState state, bool awaitingStackDelete, bool justified)
    {
        var record = new CustomerState { State = state, TopicArn = Topic, AwaitingStackDelete = awaitingStackDelete, Whitelisted = true };

        Assert.Equal(justified ? Topic : null, record.JustifiedTopicArn);
        Assert.Equal(justified ? Topic : null, record.IndexedAttributes.GetValueOrDefault(IndexedAttributeNames.EventTopic) is { Length: > 0 } t ? t : null);
    }

    [Fact]
    public void Every_state_of_an_onboarding_justifies_its_entry_and_only_none_and_a_finished_removal_do_not()
    {
        foreach (var state in Enum.GetValues<OnboardingState>())
        {
            var record = new CustomerState { State = state, TopicArn = Topic };
            Assert.True((state is None or Removed ? null : Topic) == record.JustifiedTopicArn, $"{state} justifies {record.JustifiedTopicArn ?? "nothing"}");
        }
    }

    [Theory]
    [InlineData(false, false, false)]
    [InlineData(true, false, true)]
    [InlineData(false, true, true)]
    public void Ending_an_attempt_leaves_the_topic_when_its_account_may_be_on_the_recorded_topic(bool whitelisted, bool mayBeOnTopic, bool leaves)
    {
        var record = new CustomerState { AccountId = Account, State = Templated, TopicArn = Topic, Whitelisted = whitelisted, MayBeOnTopic = mayBeOnTopic };

        var ended = CustomerWorkflow.OffBoard(record, Account, "contract ended", Now, Options).State;

        Assert.Equal(leaves, ended.Effects.Contains(new LeaveTopic(Topic)));
    }

    [Fact]
    public void An_off_boarded_stack_keeps_its_entry_until_its_Delete_arrives_through_the_topic()
    {
        var active = new CustomerState { AccountId = Account, State = Active, TopicArn = Topic, Whitelisted = true, MayBeOnTopic = true };

        var offBoarded = CustomerWorkflow.OffBoard(active, Account, "contract ended", Now, Options).State;

        Assert.True(offBoarded.AwaitingStackDelete);
        Assert.DoesNotContain(offBoarded.Effects, e => e is LeaveTopic);
    }

    private const string Account = "123456789012";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 12, 0, 0, TimeSpan.Zero);
    private static readonly WorkflowOptions Options = new(new OnboardingOptions(), new StalledOnboardingOptions(), "Custom::PartnerOnboarding");
}
