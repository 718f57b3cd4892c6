namespace Onboarding.Customers;

/// <summary>One customer AWS account; the key is its 12-digit account id.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the onboarding, or resumes the one in flight (idempotent while Pending or Templated:
    /// same external id, a valid launch URL). Refused while Active.
    /// </summary>
    Task<StartOnboardingResult> StartOnboarding(StartOnboardingCommand command);

    /// <summary>The customer's view, or null when no onboarding was ever started.</summary>
    Task<OnboardingView?> GetView();
}
