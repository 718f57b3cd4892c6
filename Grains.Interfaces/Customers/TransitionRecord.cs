namespace Onboarding.Customers;

/// <summary>One entry of a customer's bounded transition history: what happened, when, why.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.TransitionRecord")]
public sealed record TransitionRecord(
    DateTimeOffset At,
    OnboardingState From,
    OnboardingState To,
    OnboardingTrigger Trigger,
    string Reason);
