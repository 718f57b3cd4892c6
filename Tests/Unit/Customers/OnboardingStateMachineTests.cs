using Onboarding.Customers;
using Onboarding.Grains.Customers;
using static Onboarding.Customers.OnboardingState;
using static Onboarding.Customers.OnboardingTrigger;

namespace Onboarding.Tests.Unit.Customers;

public sealed class OnboardingStateMachineTests
{
    [Theory]
    [InlineData(None, Start, Pending)]
    [InlineData(Removed, Start, Pending)]
    [InlineData(Pending, Start, Pending)]
    [InlineData(Templated, Start, Templated)]
    [InlineData(Pending, TemplatePublished, Templated)]
    [InlineData(Templated, StackCreated, Activating)]
    [InlineData(Activating, AnswerAccepted, Active)]
    [InlineData(Activating, AnswerNotAccepted, Templated)]
    [InlineData(Activating, OffBoarded, Removed)]
    [InlineData(Active, StackUpdated, Active)]
    [InlineData(Active, StackDeleted, Removed)]
    [InlineData(Templated, Abandoned, Removed)]
    [InlineData(Active, OffBoarded, Removed)]
    public void Allowed_moves_lead_where_the_table_says(OnboardingState from, OnboardingTrigger trigger, OnboardingState to)
    {
        Assert.Equal(to, OnboardingStateMachine.TryNext(from, trigger));
        Assert.True(OnboardingStateMachine.Allows(from, trigger));
    }

    [Theory]
    [InlineData(Active, Start)]
    [InlineData(None, StackCreated)]
    [InlineData(Pending, StackCreated)]
    [InlineData(Removed, StackCreated)]
    [InlineData(Removed, StackDeleted)]
    [InlineData(Templated, StackUpdated)]
    [InlineData(Active, Abandoned)]
    [InlineData(Removed, OffBoarded)]
    [InlineData(Active, TemplatePublished)]
    [InlineData(Templated, AnswerAccepted)]
    [InlineData(Active, AnswerNotAccepted)]
    [InlineData(Activating, Start)]
    [InlineData(Activating, StackCreated)]
    public void Moves_not_in_the_table_are_refused(OnboardingState from, OnboardingTrigger trigger)
    {
        Assert.Null(OnboardingStateMachine.TryNext(from, trigger));
        Assert.False(OnboardingStateMachine.Allows(from, trigger));
    }

    [Fact]
    public void Every_pair_appears_at_most_once_and_nothing_leads_back_to_None()
    {
        var pairs = OnboardingStateMachine.Table.Select(t => (t.From, t.Trigger)).ToList();
        Assert.Equal(pairs.Count, pairs.Distinct().Count());
        Assert.DoesNotContain(OnboardingStateMachine.Table, t => t.To == None);
    }

    [Fact]
    public void Every_state_but_None_is_reachable_and_Removed_can_start_again()
    {
        var reachable = OnboardingStateMachine.Table.Select(t => t.To).ToHashSet();
        Assert.Equal([Pending, Templated, Active, Removed, Activating], reachable.Order());
        Assert.Equal(Pending, OnboardingStateMachine.TryNext(Removed, Start));
    }
}
