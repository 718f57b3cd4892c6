namespace Onboarding.Customers;

/// <summary>Why a command was refused; the API maps every kind to a status code and a problem type.</summary>
[GenerateSerializer, Alias("Onboarding.RefusalKind")]
public enum RefusalKind
{
    /// <summary>The state machine has no such transition from the current state.</summary>
    InvalidTransition = 0,
    /// <summary>The onboarding in flight was started for another region.</summary>
    RegionMismatch = 1,
    /// <summary>The partner does not onboard customers in the requested region.</summary>
    RegionNotAllowed = 2,
    /// <summary>No onboarding was ever started for the account.</summary>
    NotFound = 3,
    /// <summary>The onboarding in flight was started under another reference.</summary>
    ReferenceConflict = 4,
}

/// <summary>A typed refusal: the kind, the state the customer is in, and a message safe to show.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.CommandRefusal")]
public sealed record CommandRefusal(RefusalKind Kind, OnboardingState CurrentState, string Message);
