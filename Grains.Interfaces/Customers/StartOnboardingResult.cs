namespace Onboarding.Customers;

/// <summary>The outcome of <see cref="ICustomerGrain.StartOnboarding"/>: a view, or a refusal.</summary>
/// <param name="Created">True when this call began a new onboarding (the API answers 201), false when it resumed one.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.StartOnboardingResult")]
public sealed record StartOnboardingResult(OnboardingView? View, bool Created, CommandRefusal? Refusal)
{
    public static StartOnboardingResult Started(OnboardingView view, bool created) => new(view, created, null);
    public static StartOnboardingResult Refused(CommandRefusal refusal) => new(null, false, refusal);
}
