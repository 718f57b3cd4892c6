namespace Onboarding.Customers;

/// <summary>Where a customer account is in its onboarding.</summary>
[GenerateSerializer, Alias("Onboarding.OnboardingState")]
public enum OnboardingState
{
    /// <summary>No onboarding was ever started for the account (never shown: the API answers 404).</summary>
    None = 0,
    /// <summary>The customer record and its external id are durable; whitelist and template are in progress.</summary>
    Pending = 1,
    /// <summary>The template is in S3 and the launch URL was handed out; waiting for the stack.</summary>
    Templated = 2,
    /// <summary>The stack created the role and the service recorded it.</summary>
    Active = 3,
    /// <summary>Off-boarded: stack deleted, abandoned or removed by the partner.</summary>
    Removed = 4,
    /// <summary>
    /// The stack created the role and the service answered SUCCESS, but CloudFormation has not yet
    /// accepted the answer: Active once it does, Templated again if it cannot within the stack's ServiceTimeout.
    /// </summary>
    Activating = 5,
}
