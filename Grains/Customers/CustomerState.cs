using System.Globalization;
using System.Text.Json.Serialization;
using Onboarding.Customers;
using Onboarding.Identity;
using Onboarding.Organizations;
using Onboarding.Persistence;
using Onboarding.Queries;

namespace Onboarding.Grains.Customers;

/// <summary>The persisted record of one customer account (grain storage, serialized as JSON).</summary>
[GenerateSerializer, Alias("Onboarding.CustomerState")]
public sealed class CustomerState : IIndexedState
{
    [Id(0)] public string AccountId { get; set; } = "";
    [Id(1)] public OnboardingState State { get; set; }
    [Id(2)] public string ExternalId { get; set; } = "";
    /// <summary>Passed back by the template's custom resource; proves an event belongs to this onboarding.</summary>
    [Id(3)] public string OnboardingToken { get; set; } = "";
    /// <summary>How many onboardings this account started (a restart after Removed adds one).</summary>
    [Id(4)] public int Attempt { get; set; }
    [Id(5)] public string Region { get; set; } = "";
    [Id(6)] public string? Reference { get; set; }
    /// <summary>The topic the account publishes to: named in its template, so kept for life.</summary>
    [Id(7)] public string? TopicArn { get; set; }
    /// <summary>True once the whitelist step is done: the account was confirmed on <see cref="TopicArn"/>'s policy.</summary>
    [Id(8)] public bool Whitelisted { get; set; }
    [Id(9)] public string? TemplateKey { get; set; }
    /// <summary>The stable launch link handed out (the API's /launch/{token}), and until when it opens the console.</summary>
    [Id(10)] public Uri? LaunchUrl { get; set; }
    [Id(11)] public DateTimeOffset? LaunchUrlExpiresAt { get; set; }
    [Id(12)] public string? RoleArn { get; set; }
    [Id(13)] public string? StackId { get; set; }
    [Id(14)] public string? PhysicalResourceId { get; set; }
    [Id(15)] public DateTimeOffset CreatedAt { get; set; }
    [Id(16)] public DateTimeOffset UpdatedAt { get; set; }
    [Id(17)] public DateTimeOffset StateSince { get; set; }
    [Id(18)] public List<TransitionRecord> History { get; set; } = [];
    /// <summary>When the current onboarding attempt started (abandonment counts from here).</summary>
    [Id(21)] public DateTimeOffset StartedAt { get; set; }
    /// <summary>Re-prompts sent for the current attempt, and when the last one went out.</summary>
    [Id(22)] public int PromptCount { get; set; }
    [Id(23)] public DateTimeOffset? LastPromptAt { get; set; }
    /// <summary>False once the partner off-boarded the customer: the role ARN stays for audit only.</summary>
    [Id(24)] public bool RoleUsable { get; set; }
    /// <summary>
    /// Off-boarded while its stack existed: the account stays on its topic's policy until the stack's
    /// Delete arrives, because CloudFormation can only deliver that Delete through the topic.
    /// </summary>
    [Id(25)] public bool AwaitingStackDelete { get; set; }
    /// <summary>While Activating: the Create answer whose acceptance makes the customer Active.</summary>
    [Id(26)] public AwaitedAnswer? AwaitingAcceptance { get; set; }
    /// <summary>
    /// The account may be on <see cref="TopicArn"/>'s policy: stored before the account is added there, cleared once
    /// its removal succeeded. <see cref="Whitelisted"/> alone would miss an add that landed just before a crash.
    /// </summary>
    [Id(30)] public bool MayBeOnTopic { get; set; }
    /// <summary>The latest answered requests (bounded), written with the transition they caused.</summary>
    [Id(19)] public List<HandledRequest> HandledRequests { get; set; } = [];
    // [Id(20)] Outbox became part of Effects: its id is not to be reused.
    /// <summary>
    /// The secret of this attempt's customer links (<see cref="CustomerLinkToken"/>); new with every
    /// start, kept through renewals so links already sent keep working.
    /// </summary>
    [Id(31)] public string? CustomerLinkSecret { get; set; }
    /// <summary>
    /// Work decided and not yet done, in order (<see cref="WorkflowEffect"/>): written with the move that caused it,
    /// so a crash loses none of it.
    /// </summary>
    [Id(32)] public List<WorkflowEffect> Effects { get; set; } = [];
    /// <summary>The last check of the customer's role with STS, whatever it found.</summary>
    [Id(33)] public RoleVerification? RoleCheck { get; set; }
    /// <summary>When the role was last proven: assumed with the external id, refused without it and with a wrong one.</summary>
    [Id(34)] public DateTimeOffset? RoleVerifiedAt { get; set; }
    /// <summary>When the role's health last changed (verified at activation, degraded, recovered).</summary>
    [Id(35)] public DateTimeOffset? RoleHealthSince { get; set; }
    /// <summary>When the checks without and with a wrong external id last ran (rarer: each is an AccessDenied in the customer's CloudTrail).</summary>
    [Id(36)] public DateTimeOffset? NegativeChecksAt { get; set; }
    /// <summary>The latest partner notifications published (bounded, oldest first): what the partner was told, for operators.</summary>
    [Id(37)] public List<SentNotification> SentNotifications { get; set; } = [];
    /// <summary>
    /// The template version the customer's stack runs, as its last accepted Create or Update reported it (not what was
    /// offered); null when the stack reported none (a template from before versions).
    /// </summary>
    [Id(38)] public string? TemplateVersion { get; set; }
    /// <summary>
    /// The current template version when the version check last looked at this customer: the stack is outdated while it
    /// runs another one. Set by the check only, so each newer version is noticed (and notified) once.
    /// </summary>
    [Id(39)] public string? OfferedVersion { get; set; }
    /// <summary>
    /// Set when the account onboards as part of an organization onboarding: a member whose stack instance the StackSet
    /// deployed, or the management account whose stack carries the StackSet. Its secrets and topic are the organization's.
    /// </summary>
    [Id(40), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public OrganizationLink? Organization { get; set; }
    // Ids from 50 on: the counters' fields, clear of the ids the workflow's own fields take next.
    /// <summary>What the maintained counters count this customer as (null: not counted, or a record from before counting).</summary>
    [Id(50), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] public CustomerCount? Counted { get; set; }
    /// <summary>The sequence of the customer's last <see cref="CountCustomer"/>: the counters apply each sequence once.</summary>
    [Id(51), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] public long CountSequence { get; set; }

    /// <summary>A copy a decision may change without touching this record (the lists are copied; their items are immutable).</summary>
    public CustomerState Copy()
    {
        var copy = (CustomerState)MemberwiseClone();
        copy.History = [.. History];
        copy.HandledRequests = [.. HandledRequests];
        copy.Effects = [.. Effects];
        copy.SentNotifications = [.. SentNotifications];
        return copy;
    }

    /// <summary>True when the launch link must be (re-)issued to still work at <paramref name="at"/>.</summary>
    public bool LaunchLinkNeededBy(DateTimeOffset at) => LaunchUrlExpiresAt is not { } expiresAt || expiresAt < at;

    /// <summary>
    /// The topic whose policy this record says must let the account publish: its topic in every state of an
    /// onboarding, and while Removed awaiting its stack's Delete; null when it owes or finished its removal (or
    /// never onboarded). Defined by what it excludes, so a state added later keeps its entry: an entry kept too
    /// long is removed with the removal, one removed too early breaks a stack.
    /// </summary>
    [JsonIgnore]
    public string? JustifiedTopicArn =>
        State == OnboardingState.None || State == OnboardingState.Removed && !AwaitingStackDelete ? null : TopicArn;

    [JsonIgnore]
    public IReadOnlyDictionary<string, string> IndexedAttributes => new Dictionary<string, string>
    {
        [IndexedAttributeNames.OnboardingState] = StateIndexKey.For(State, AccountId),
        [IndexedAttributeNames.AccountId] = AccountId,
        [IndexedAttributeNames.CreatedAt] = CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        [IndexedAttributeNames.ChangedAt] = UpdatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        [IndexedAttributeNames.Region] = Region,
        [IndexedAttributeNames.Reference] = Reference ?? "",
        [IndexedAttributeNames.Stalled] = IsStalled ? "true" : "",
        [IndexedAttributeNames.Degraded] = Health == RoleHealth.Degraded ? "true" : "",
        [IndexedAttributeNames.EventTopic] = JustifiedTopicArn ?? "",
        [IndexedAttributeNames.Outdated] = IsOutdated ? "true" : "",
    };

    /// <summary>
    /// What clients see: never the onboarding token or the object key, and a launch URL only while it
    /// can be used (its template is deleted once the stack exists or the onboarding ends).
    /// </summary>
    public OnboardingView ToView() => new(
        AccountId, State, ExternalId, Region, Reference, TopicArn,
        State == OnboardingState.Templated ? LaunchUrl : null,
        State == OnboardingState.Templated ? LaunchUrlExpiresAt : null,
        RoleArn, RoleUsable, StackId, CreatedAt, UpdatedAt, PromptCount, LastPromptAt, [.. History],
        RoleVerifiedAt, Health, RoleCheck,
        State != OnboardingState.Pending && LaunchUrl is { } link ? CustomerLinkRoutes.PageOf(link) : null,
        [.. SentNotifications],
        TemplateVersion, IsOutdated,
        IsOutdated && LaunchUrl is { } launch ? CustomerLinkRoutes.UpdateOf(launch) : null,
        Organization?.OrganizationId);

    /// <summary>A member account of an organization onboarding: its stack instance is the StackSet's, it has no template or link of its own.</summary>
    [JsonIgnore]
    public bool IsOrganizationMember => Organization is { } organization && !organization.IsManagementAccount(AccountId);

    /// <summary>Re-prompted at least once and still waiting for its stack.</summary>
    [JsonIgnore]
    public bool IsStalled => State == OnboardingState.Templated && PromptCount > 0;

    /// <summary>An Active customer whose stack runs an older template than the one the service now offers it.</summary>
    [JsonIgnore]
    public bool IsOutdated => State == OnboardingState.Active && OfferedVersion is { } offered && !string.Equals(TemplateVersion, offered, StringComparison.Ordinal);

    /// <summary>An Active customer's role health, from its last check.</summary>
    [JsonIgnore]
    public RoleHealth Health => State != OnboardingState.Active || RoleCheck is null ? RoleHealth.Unknown
        : RoleCheck.IsVerified ? RoleHealth.Healthy : RoleHealth.Degraded;
}
