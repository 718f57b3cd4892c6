using Onboarding.Customers;

namespace Onboarding.Queries;

/// <summary>One line of a customer list (what the state index holds, no grain activation needed).</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.CustomerSummary")]
public sealed record CustomerSummary(
    string AccountId,
    OnboardingState State,
    string? Region,
    string? Reference,
    DateTimeOffset CreatedAt,
    DateTimeOffset? UpdatedAt,
    bool Stalled);

/// <summary>
/// A page of customers, newest first, the opaque cursor of the next page (null at the end) and of the page before it
/// (null on the first page).
/// </summary>
[GenerateSerializer, Immutable, Alias("Onboarding.CustomerPage")]
public sealed record CustomerPage(IReadOnlyList<CustomerSummary> Customers, string? NextCursor, string? PreviousCursor = null);

/// <summary>How many customers are in each state, and how many waiting onboardings were re-prompted.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.CustomerStats")]
public sealed record CustomerStats(IReadOnlyDictionary<OnboardingState, long> ByState, long Stalled, DateTimeOffset At, long RoleDegraded = 0, long Outdated = 0);

/// <summary>The maintained counters before a recount from the state index, and after it replaced them.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.StatsRepair")]
public sealed record StatsRepair(CustomerStats Before, CustomerStats After);

/// <summary>A cursor that was not issued for this query.</summary>
[GenerateSerializer, Alias("Onboarding.InvalidCursorException")]
public sealed class InvalidCursorException(string message) : Exception(message);
