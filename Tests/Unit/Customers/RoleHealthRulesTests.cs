using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Identity;
using Onboarding.Grains.Notifications;
using Onboarding.Identity;
using Onboarding.Tests.Unit.Events;
using static Onboarding.Tests.Unit.Customers.CustomerWorkflowTests;

namespace Onboarding.Tests.Unit.Customers;

/// <summary>Continuous role health as the decider sees it: what is due when, and what a check's result changes.</summary>
public sealed class RoleHealthRulesTests
{
    private static readonly RoleCheckSchedule Checks = RoleCheckSchedule.Default;

    private static CustomerState Active(DateTimeOffset lastCheck, DateTimeOffset? negativeAt = null, RoleVerificationOutcome outcome = RoleVerificationOutcome.Verified)
    {
        var state = Customer("Active");
        state.RoleCheck = new RoleVerification(outcome, "reason", lastCheck, 1, negativeAt == lastCheck);
        state.RoleVerifiedAt = lastCheck;
        state.NegativeChecksAt = negativeAt;
        return state;
    }

    private static RoleVerification Check(RoleVerificationOutcome outcome, bool negative = false) => new(outcome, $"{outcome} reason", Now, 1, negative);

    [Fact]
    public void A_check_is_due_a_period_after_the_last_one_and_with_the_negative_checks_on_their_own_rarer_cadence()
    {
        var justChecked = Active(Now.AddHours(-23), negativeAt: Now.AddHours(-23));
        var dayOld = Active(Now.AddHours(-24), negativeAt: Now.AddDays(-2));
        var weekOld = Active(Now.AddHours(-25), negativeAt: Now.AddDays(-7));

        Assert.Null(CustomerWorkflow.RoleCheckDue(justChecked, Now, Options));
        Assert.Equal(RoleVerificationMode.Recheck, CustomerWorkflow.RoleCheckDue(dayOld, Now, Options)?.Mode);
        Assert.Equal(RoleVerificationMode.RecheckWithNegativeChecks, CustomerWorkflow.RoleCheckDue(weekOld, Now, Options)?.Mode);
        Assert.Equal(new RoleToVerify(SampleRequests.RoleArn, SampleRequests.ExternalId, SampleRequests.Account, RoleVerificationMode.Recheck),
            CustomerWorkflow.RoleCheckDue(dayOld, Now, Options));
    }

    [Theory]
    [InlineData("Templated")]
    [InlineData("Activating")]
    [InlineData("Removed")]
    public void Only_an_Active_customers_role_is_checked(string stateName)
    {
        var state = Customer(stateName);
        state.StateSince = Now.AddDays(-30);

        Assert.Null(CustomerWorkflow.RoleCheckDue(state, Now, Options));
    }

    public static TheoryData<RoleVerificationOutcome, RoleVerificationOutcome, OnboardingTrigger?, string?, RoleHealth> HealthChanges => new()
    {
        // last check, this check, move recorded, notification, health after
        { RoleVerificationOutcome.Verified, RoleVerificationOutcome.Verified, null, null, RoleHealth.Healthy },
        { RoleVerificationOutcome.Verified, RoleVerificationOutcome.NotAssumable, OnboardingTrigger.RoleDegraded, PartnerNotificationTypes.CustomerRoleDegraded, RoleHealth.Degraded },
        { RoleVerificationOutcome.Verified, RoleVerificationOutcome.TrustsWithoutExternalId, OnboardingTrigger.RoleDegraded, PartnerNotificationTypes.CustomerRoleDegraded, RoleHealth.Degraded },
        { RoleVerificationOutcome.NotAssumable, RoleVerificationOutcome.NotAssumable, null, null, RoleHealth.Degraded },   // notified once
        { RoleVerificationOutcome.NotAssumable, RoleVerificationOutcome.Verified, OnboardingTrigger.RoleRecovered, PartnerNotificationTypes.CustomerRoleRecovered, RoleHealth.Healthy },
    };

    [Theory, MemberData(nameof(HealthChanges))]
    public void A_checks_result_changes_health_as_the_table_says(
        RoleVerificationOutcome last, RoleVerificationOutcome found, OnboardingTrigger? trigger, string? notification, RoleHealth health)
    {
        var state = Active(Now.AddDays(-1), outcome: last);

        var decision = CustomerWorkflow.RoleChecked(state, SampleRequests.RoleArn, Check(found), Now, Options);

        Assert.True(decision.Write);
        Assert.Equal(health, decision.Reply);
        Assert.Equal(health, decision.State.ToView().RoleHealth);
        Assert.Equal(trigger, decision.Transition?.Trigger);
        Assert.Equal(notification, decision.State.Effects.OfType<NotifyPartner>().SingleOrDefault()?.Notification.Type);
        Assert.Equal(OnboardingState.Active, decision.State.State);
        Assert.Equal(health == RoleHealth.Degraded ? "true" : "", decision.State.IndexedAttributes[Onboarding.Persistence.IndexedAttributeNames.Degraded]);
        if (trigger is not null) Assert.Equal(Now, decision.State.RoleHealthSince);
    }

    [Fact]
    public void A_check_of_a_role_the_customer_no_longer_has_changes_nothing()
    {
        var state = Active(Now.AddDays(-1));

        var decision = CustomerWorkflow.RoleChecked(state, "arn:aws:iam::123456789012:role/partner/Replaced", Check(RoleVerificationOutcome.NotAssumable), Now, Options);

        Assert.False(decision.Write);
        Assert.Same(state, decision.State);
    }

    [Fact]
    public void A_passing_check_with_the_negative_checks_moves_both_clocks()
    {
        var decision = CustomerWorkflow.RoleChecked(Active(Now.AddDays(-8), Now.AddDays(-8)), SampleRequests.RoleArn, Check(RoleVerificationOutcome.Verified, negative: true), Now, Options);

        Assert.Equal((Now, Now), (decision.State.RoleVerifiedAt, decision.State.NegativeChecksAt));
        Assert.Null(CustomerWorkflow.RoleCheckDue(decision.State, Now.AddHours(23), Options));
    }

    [Theory]
    [InlineData(100_000, 1, 86_400, 10, 70)]      // 100k customers over a day, a tick a minute: 70 a tick, well under the pace
    [InlineData(10, 1, 86_400, 10, 1)]            // a few customers: at least one a tick
    [InlineData(1_000_000, 1, 86_400, 10, 600)]   // more than the pace allows: held to it (the sweep then takes longer)
    [InlineData(50, 1, 1, 10, 50)]                // the period is one tick: everyone at once
    public void A_tick_visits_the_Active_customers_spread_evenly_over_the_period_within_the_pace(
        long customers, int tickMinutes, int periodSeconds, double perSecond, int quota) =>
        Assert.Equal(quota, RoleCheckSweep.Quota(customers, TimeSpan.FromMinutes(tickMinutes), TimeSpan.FromSeconds(Math.Max(periodSeconds, 60)), perSecond));
}
