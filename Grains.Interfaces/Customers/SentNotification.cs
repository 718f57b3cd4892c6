namespace Onboarding.Customers;

/// <summary>A partner notification published about a customer: its type, its event id (the partner's dedupe key), when it happened and when it was published.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.SentNotification")]
public sealed record SentNotification(string Type, string EventId, DateTimeOffset OccurredAt, DateTimeOffset SentAt);
