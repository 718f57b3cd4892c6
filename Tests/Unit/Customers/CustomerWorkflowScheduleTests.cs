using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Notifications;
using Onboarding.Tests.Unit.Events;
using static Onboarding.Customers.OnboardingState;
using static Onboarding.Customers.OnboardingTrigger;
using static Onboarding.Tests.Unit.Customers.CustomerWorkflowTests;

namespace Onboarding.Tests.Unit.Customers;

/// <summary>
/// The decider's other commands as tables — start, renew, tick, and an effect's outcome — with the effects each
/// leaves to do. No stand-ins: the decider is pure.
/// </summary>
public sealed class CustomerWorkflowScheduleTests
{
    private static readonly AttemptSecrets Secrets = AttemptSecrets.New();
    private const string NextTopic = "arn:aws:sns:eu-west-1:999999999999:onboarding-events-2";
    private static readonly StalledOnboardingOptions Stalled = Options.Stalled;

    public static TheoryData<string, RefusalKind?, OnboardingState, OnboardingTrigger?, string> Starts => new()
    {
        // state, refusal, next state, transition recorded, effects left to do
        { "None", null, Pending, Start, "JoinTopic PublishTemplate" },
        { "Pending", null, Pending, null, "" },                         // a resume: its own effects finish it
        { "Templated", null, Templated, null, "" },                     // a resume with a link that still works
        { "Activating", RefusalKind.InvalidTransition, Activating, null, "" },
        { "Active", RefusalKind.InvalidTransition, Active, null, "" },
        { "Removed", null, Pending, Start, "JoinTopic PublishTemplate" },
        { "Removed awaiting the stack's Delete", null, Pending, Start, "JoinTopic PublishTemplate" },
    };

    [Theory, MemberData(nameof(Starts))]
    public void A_start_moves_the_customer_as_the_table_says(string stateName, RefusalKind? refusal, OnboardingState next, OnboardingTrigger? trigger, string effects)
    {
        var state = Customer(stateName);
        state.LaunchUrlExpiresAt = Now.AddDays(2);

        var decision = CustomerWorkflow.Start(state, SampleRequests.Account, new(SampleRequests.Region, null), Secrets, NextTopic, Now, Options);

        Assert.Equal(refusal, decision.Reply.Refusal?.Kind);
        Assert.Equal(next, decision.State.State);
        Assert.Equal(trigger, decision.Transition?.Trigger);
        Assert.Equal(trigger == Start, decision.Reply.Created);
        Assert.Equal(trigger == Start, decision.Write);
        Assert.Equal(effects, Kinds(decision.State));
    }

    [Fact]
    public void A_new_attempt_draws_new_secrets_records_its_topic_before_joining_it_and_keeps_a_topic_for_life()
    {
        var removed = Customer("Removed");

        var decision = CustomerWorkflow.Start(removed, SampleRequests.Account, new(SampleRequests.Region, "crm-42"), Secrets, NextTopic, Now, Options);

        var next = decision.State;
        Assert.Equal((2, Secrets.ExternalId, Secrets.OnboardingToken, "crm-42"), (next.Attempt, next.ExternalId, next.OnboardingToken, next.Reference));
        // Same region: the topic named in its earlier template stays; it is stored, flagged, then joined.
        Assert.Equal(SampleRequests.TopicArn, next.TopicArn);
        Assert.True(next.MayBeOnTopic);
        Assert.False(next.Whitelisted);
        Assert.Equal(new JoinTopic(SampleRequests.TopicArn, 0), next.Effects[0]);
        Assert.Equal(new PublishTemplate($"templates/{SampleRequests.Account}/{Secrets.TemplateKeySuffix}.json"), next.Effects[1]);
        Assert.Null(next.RoleArn);
        Assert.Null(next.StackId);
    }

    [Fact]
    public void A_new_attempt_in_another_region_joins_that_regions_topic_and_still_owes_leaving_the_old_one()
    {
        var removed = Customer("Removed");
        removed.Effects.Add(new LeaveTopic(SampleRequests.TopicArn));
        const string usTopic = "arn:aws:sns:us-east-1:999999999999:onboarding-events-1";

        var next = CustomerWorkflow.Start(removed, SampleRequests.Account, new("us-east-1", null), Secrets, usTopic, Now, Options).State;

        Assert.Equal(usTopic, next.TopicArn);
        Assert.Equal("LeaveTopic JoinTopic PublishTemplate", Kinds(next));
    }

    [Fact]
    public void A_new_attempt_on_the_same_topic_cancels_a_removal_still_owed_there()
    {
        var removed = Customer("Removed");
        removed.Effects.Add(new LeaveTopic(SampleRequests.TopicArn));

        var next = CustomerWorkflow.Start(removed, SampleRequests.Account, new(SampleRequests.Region, null), Secrets, null, Now, Options).State;

        Assert.Equal("JoinTopic PublishTemplate", Kinds(next));
    }

    public static TheoryData<string, string?, RefusalKind> RefusedStarts => new()
    {
        { "ap-east-9", null, RefusalKind.RegionNotAllowed },
        { "us-east-1", null, RefusalKind.RegionMismatch },
        { SampleRequests.Region, "another-reference", RefusalKind.ReferenceConflict },
    };

    [Theory, MemberData(nameof(RefusedStarts))]
    public void A_start_that_contradicts_the_attempt_in_flight_is_refused_and_changes_nothing(string region, string? reference, RefusalKind kind)
    {
        var templated = Customer("Templated");
        templated.Reference = "crm-42";

        var decision = CustomerWorkflow.Start(templated, SampleRequests.Account, new(region, reference), Secrets, NextTopic, Now, Options);

        Assert.Equal(kind, decision.Reply.Refusal?.Kind);
        Assert.False(decision.Write);
        Assert.Same(templated, decision.State);
    }

    [Fact]
    public void Resuming_a_templated_start_whose_link_expires_soon_renews_the_same_link_without_a_transition()
    {
        var templated = Customer("Templated");
        templated.LaunchUrl = new("https://onboarding.example.com/launch/x");
        templated.LaunchUrlExpiresAt = Now.AddMinutes(10);

        var decision = CustomerWorkflow.Start(templated, SampleRequests.Account, new(SampleRequests.Region, null), Secrets, null, Now, Options);

        Assert.True(decision.Write);
        Assert.Null(decision.Transition);
        Assert.Equal(Now + Options.Onboarding.LaunchUrlLifetime, decision.State.LaunchUrlExpiresAt);
        Assert.Contains(SampleRequests.Account, decision.State.LaunchUrl!.AbsolutePath);
    }

    [Fact]
    public void A_renewal_on_request_is_recorded_in_the_history_with_who_asked()
    {
        var templated = Customer("Templated");
        templated.LaunchUrl = new("https://onboarding.example.com/launch/x");
        templated.LaunchUrlExpiresAt = Now.AddMinutes(10);

        var decision = CustomerWorkflow.RenewLaunchLink(templated, SampleRequests.Account, "launch link renewed by ops-anna in the console", Now, Options);

        Assert.True(decision.Write);
        Assert.Null(decision.Reply);
        Assert.Equal(new TransitionRecord(Now, Templated, Templated, LinkRenewed, "launch link renewed by ops-anna in the console"), decision.Transition);
        Assert.Equal(decision.Transition, decision.State.History[^1]);
        Assert.Equal(Now + Options.Onboarding.LaunchUrlLifetime, decision.State.LaunchUrlExpiresAt);
        Assert.Empty(decision.State.Effects);
    }

    [Theory]
    [InlineData("None", RefusalKind.NotFound)]
    [InlineData("Pending", RefusalKind.InvalidTransition)]
    [InlineData("Active", RefusalKind.InvalidTransition)]
    public void Only_a_templated_onboarding_renews_its_launch_link(string stateName, RefusalKind kind) =>
        Assert.Equal(kind, CustomerWorkflow.RenewLaunchLink(Customer(stateName), SampleRequests.Account, "renewed", Now, Options).Reply?.Kind);

    public static TheoryData<string, int, StalledAction, OnboardingState, OnboardingTrigger?, string> Ticks => new()
    {
        // state, hours since the attempt started, what falls due, next state, transition, effects left to do
        { "Pending", 1, StalledAction.ResumePending, Pending, null, "" },
        { "Templated", 1, StalledAction.Wait, Templated, null, "" },
        { "Templated", 25, StalledAction.Reprompt, Templated, Reprompted, "NotifyPartner" },
        { "Templated", 14 * 24, StalledAction.Abandon, Removed, Abandoned, "DeleteTemplate LeaveTopic NotifyPartner" },
        { "Pending", 14 * 24, StalledAction.Abandon, Removed, Abandoned, "LeaveTopic NotifyPartner" },
        { "Activating", 1, StalledAction.Wait, Activating, null, "" },
        { "Activating", 14 * 24, StalledAction.ExpireAnswer, Templated, AnswerNotAccepted, "" },
        { "Active", 14 * 24, StalledAction.Stop, Active, null, "" },
        { "Removed", 14 * 24, StalledAction.Stop, Removed, null, "" },
    };

    [Theory, MemberData(nameof(Ticks))]
    public void A_tick_does_what_fell_due_as_the_table_says(
        string stateName, int hours, StalledAction due, OnboardingState next, OnboardingTrigger? trigger, string effects)
    {
        var state = Customer(stateName);
        state.StartedAt = state.StateSince = Now.AddHours(-hours);
        // An abandoned Pending start had not published its template yet: those steps are dropped, not run.
        if (stateName == "Activating" && hours > 1) state.AwaitingAcceptance = state.AwaitingAcceptance! with { AnswerBy = Now.AddMinutes(-1) };
        if (stateName == "Pending") state.Effects.AddRange([new JoinTopic(SampleRequests.TopicArn, 0), new PublishTemplate("templates/t.json")]);

        var decision = CustomerWorkflow.Tick(state, Now, Options);

        Assert.Equal(due, decision.Reply);
        Assert.Equal(next, decision.State.State);
        Assert.Equal(trigger, decision.Transition?.Trigger);
        Assert.Equal(trigger is not null, decision.Write);
        Assert.Equal(stateName == "Pending" && trigger is null ? "JoinTopic PublishTemplate" : effects, Kinds(decision.State));
    }

    [Fact]
    public void A_repeated_tick_finds_nothing_due_and_a_reprompt_carries_a_link_that_works_until_the_next_one()
    {
        var templated = Customer("Templated");
        templated.StartedAt = templated.StateSince = Now.AddHours(-25);
        templated.LaunchUrlExpiresAt = Now.AddHours(1);

        var prompted = CustomerWorkflow.Tick(templated, Now, Options);
        var again = CustomerWorkflow.Tick(prompted.State, Now.AddMinutes(1), Options);

        var notification = Assert.IsType<NotifyPartner>(Assert.Single(prompted.State.Effects)).Notification;
        Assert.Equal((PartnerNotificationTypes.OnboardingStalled, 1), (notification.Type, notification.Prompt));
        Assert.True(prompted.State.LaunchUrlExpiresAt >= Now + Stalled.RepromptInterval);
        Assert.Equal(StalledAction.Wait, again.Reply);
        Assert.False(again.Write);
    }

    [Fact]
    public void The_next_due_moment_is_the_earliest_of_reprompt_abandonment_and_deadline()
    {
        var templated = Customer("Templated");
        var activating = Customer("Activating");

        Assert.Equal(templated.StateSince + Stalled.RepromptAfter, CustomerWorkflow.NextDueAt(templated, Now, Options));
        Assert.Equal(activating.AwaitingAcceptance!.AnswerBy, CustomerWorkflow.NextDueAt(activating, Now, Options));
        Assert.Null(CustomerWorkflow.NextDueAt(Customer("Active"), Now, Options));
    }

    public static TheoryData<string, WorkflowEffect, string?, string> EffectOutcomes => new()
    {
        // state, effect done, next topic when full, what the record says afterwards
        { "Pending", new JoinTopic(SampleRequests.TopicArn, 0), null, "whitelisted" },
        { "Pending", new JoinTopic(SampleRequests.TopicArn, 0), NextTopic, "next topic recorded" },
        { "Pending", new PublishTemplate("templates/t.json"), null, "Templated with a link" },
        { "Active", new DeleteTemplate("templates/t.json"), null, "no template" },
        { "Removed", new LeaveTopic(SampleRequests.TopicArn), null, "off the topic" },
        { "Active", new NotifyPartner(new PartnerNotification { EventId = "e", Type = "T", AccountId = SampleRequests.Account, OccurredAt = Now.AddMinutes(-1) }), null, "remembered as sent" },
    };

    [Theory, MemberData(nameof(EffectOutcomes))]
    public void An_effect_done_is_recorded_and_dropped_as_the_table_says(string stateName, WorkflowEffect effect, string? nextTopic, string says)
    {
        var state = Customer(stateName);
        state.TemplateKey = "templates/t.json";
        state.Whitelisted = stateName != "Pending";
        state.Effects.Add(effect);

        var decision = CustomerWorkflow.EffectDone(state, new EffectOutcome(effect, nextTopic), Now, Options);

        var next = decision.State;
        Assert.True(decision.Write);
        Assert.DoesNotContain(effect, next.Effects);
        var actual = says switch
        {
            "whitelisted" => next.Whitelisted,
            "next topic recorded" => next.TopicArn == NextTopic && next.MayBeOnTopic && !next.Whitelisted && next.Effects.SequenceEqual([new JoinTopic(NextTopic, 1)]),
            "Templated with a link" => next.State == Templated && decision.Transition?.Trigger == TemplatePublished && next.LaunchUrlExpiresAt == Now + Options.Onboarding.LaunchUrlLifetime,
            "no template" => next.TemplateKey is null,
            "off the topic" => !next.Whitelisted && !next.MayBeOnTopic,
            "remembered as sent" => next.State == state.State && next.Effects.Count == 0
                && next.SentNotifications.SequenceEqual([new SentNotification("T", "e", Now.AddMinutes(-1), Now)]),
            _ => next.State == state.State && next.Effects.Count == 0,
        };
        Assert.True(actual, says);
    }

    [Fact]
    public void Only_the_latest_sent_notifications_are_remembered_oldest_first()
    {
        var state = Customer("Active");
        var limit = Options.Onboarding.SentNotificationLimit;
        for (var i = 0; i < limit + 3; i++)
        {
            var notify = new NotifyPartner(new PartnerNotification { EventId = $"e{i}", Type = "T", AccountId = SampleRequests.Account, OccurredAt = Now });
            state.Effects.Add(notify);
            state = CustomerWorkflow.EffectDone(state, new EffectOutcome(notify), Now.AddSeconds(i), Options).State;
        }

        Assert.Equal(Enumerable.Range(3, limit).Select(i => $"e{i}"), state.SentNotifications.Select(n => n.EventId));
        Assert.Equal(state.SentNotifications, state.ToView().Notifications);
    }

    [Fact]
    public void An_effect_no_longer_pending_changes_nothing()
    {
        var active = Customer("Active");

        var decision = CustomerWorkflow.EffectDone(active, new EffectOutcome(new DeleteTemplate("templates/gone.json")), Now, Options);

        Assert.False(decision.Write);
        Assert.Same(active, decision.State);
    }

    private static string Kinds(CustomerState state) => string.Join(' ', state.Effects.Select(e => e.GetType().Name));
}
