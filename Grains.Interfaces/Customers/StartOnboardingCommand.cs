namespace Onboarding.Customers;

/// <summary>Start (or resume) the onboarding of the grain's account.</summary>
/// <param name="Region">The AWS region the customer will launch its stack in.</param>
/// <param name="Reference">The partner's own free-text reference for the customer, if any.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.StartOnboardingCommand")]
public sealed record StartOnboardingCommand(string Region, string? Reference);
