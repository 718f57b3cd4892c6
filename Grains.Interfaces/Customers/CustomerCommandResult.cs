namespace Onboarding.Customers;

/// <summary>The outcome of a customer command: the customer's view, or a typed refusal.</summary>
/// <param name="Created">True when a start began a new onboarding (the API answers 201), false otherwise.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.CustomerCommandResult")]
public sealed record CustomerCommandResult(OnboardingView? View, bool Created, CommandRefusal? Refusal)
{
    public static CustomerCommandResult Done(OnboardingView view, bool created = false) => new(view, created, null);
    public static CustomerCommandResult Refused(CommandRefusal refusal) => new(null, false, refusal);
}
