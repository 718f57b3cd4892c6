using System.Text.Json.Serialization;
using Onboarding.Grains.Notifications;
using Onboarding.Queries;

namespace Onboarding.Grains.Customers;

/// <summary>
/// Work a decision leaves to do outside the record, as data: kept in <see cref="CustomerState.Effects"/> and written
/// in the same write as the move that caused it, run in order by <see cref="CustomerEffectRunner"/>, and removed by
/// <see cref="CustomerWorkflow.EffectDone"/> once done. Every effect is idempotent: a crash between doing one and
/// recording it repeats it.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "effect")]
[JsonDerivedType(typeof(JoinTopic), "join-topic")]
[JsonDerivedType(typeof(PublishTemplate), "publish-template")]
[JsonDerivedType(typeof(DeleteTemplate), "delete-template")]
[JsonDerivedType(typeof(LeaveTopic), "leave-topic")]
[JsonDerivedType(typeof(NotifyPartner), "notify-partner")]
[JsonDerivedType(typeof(CountCustomer), "count-customer")]
[JsonDerivedType(typeof(EndOrganization), "end-organization")]
[GenerateSerializer, Alias("Onboarding.WorkflowEffect")]
public abstract record WorkflowEffect
{
    /// <summary>
    /// The record must be durable before this effect runs: <see cref="JoinTopic"/> changes a policy the record has to
    /// be able to undo, so the topic it joins is stored first.
    /// </summary>
    [JsonIgnore]
    public virtual bool NeedsDurableRecord => false;

    /// <summary>
    /// The effects after this one may run while it keeps failing: it cleans up, and nothing after it depends on it
    /// (an S3 outage that holds a template's deletion back must not hold back the partner's notification).
    /// </summary>
    [JsonIgnore]
    public virtual bool IsCleanup => false;
}

/// <summary>Adds the account to the topic's policy; <paramref name="Rollover"/> counts the full topics passed over.</summary>
[GenerateSerializer, Alias("Onboarding.JoinTopic")]
public sealed record JoinTopic([property: Id(0)] string TopicArn, [property: Id(1)] int Rollover) : WorkflowEffect
{
    public override bool NeedsDurableRecord => true;
}

/// <summary>Renders the account's template, uploads it under the key, and checks that its launch link can open the console.</summary>
[GenerateSerializer, Alias("Onboarding.PublishTemplate")]
public sealed record PublishTemplate([property: Id(0)] string TemplateKey) : WorkflowEffect;

/// <summary>Deletes a template nobody may launch any more (the stack exists, or the onboarding ended).</summary>
[GenerateSerializer, Alias("Onboarding.DeleteTemplate")]
public sealed record DeleteTemplate([property: Id(0)] string TemplateKey) : WorkflowEffect
{
    public override bool IsCleanup => true;
}

/// <summary>Takes the account off the topic's policy.</summary>
[GenerateSerializer, Alias("Onboarding.LeaveTopic")]
public sealed record LeaveTopic([property: Id(0)] string TopicArn) : WorkflowEffect
{
    public override bool IsCleanup => true;
}

/// <summary>Publishes a partner notification (its event id lets the partner drop a repeat).</summary>
[GenerateSerializer, Alias("Onboarding.NotifyPartner")]
public sealed record NotifyPartner([property: Id(0)] PartnerNotification Notification) : WorkflowEffect;

/// <summary>
/// Moves the customer's counters (<see cref="Stats.CustomerCounting"/>) from <paramref name="From"/> to what the customer
/// is when it runs. Added by the grain to a write that changes what the customer counts as; the counters apply a
/// repeated <paramref name="Sequence"/> once, so its completion needs no write of its own (it goes with the next).
/// </summary>
[GenerateSerializer, Alias("Onboarding.CountCustomer")]
public sealed record CountCustomer(
    [property: Id(0)] long Sequence,
    [property: Id(1), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] CustomerCount? From) : WorkflowEffect;

/// <summary>
/// The management account's customer is Removed (its stack deleted, or its template never launched): its organization
/// onboarding ends, every member is off-boarded.
/// </summary>
[GenerateSerializer, Alias("Onboarding.EndOrganization")]
public sealed record EndOrganization([property: Id(0)] string OrganizationId, [property: Id(1)] string Reason) : WorkflowEffect;

/// <summary>How an effect ended, fed back to the decider.</summary>
/// <param name="NextTopicArn">For a <see cref="JoinTopic"/> refused for want of room: the region's next topic to try.</param>
/// <param name="Counted">For a <see cref="CountCustomer"/>: what the customer is now counted as.</param>
public sealed record EffectOutcome(WorkflowEffect Effect, string? NextTopicArn = null, CustomerCount? Counted = null);
