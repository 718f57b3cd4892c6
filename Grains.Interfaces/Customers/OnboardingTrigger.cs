namespace Onboarding.Customers;

/// <summary>What can move a customer between states: API commands and custom-resource events.</summary>
[GenerateSerializer, Alias("Onboarding.OnboardingTrigger")]
public enum OnboardingTrigger
{
    Start = 0,
    TemplatePublished = 1,
    StackCreated = 2,
    StackUpdated = 3,
    StackDeleted = 4,
    Abandoned = 5,
    OffBoarded = 6,
    /// <summary>A stalled onboarding's customer was prompted again (recorded, no state change).</summary>
    Reprompted = 7,
    /// <summary>CloudFormation accepted the SUCCESS answer to the stack's Create in time.</summary>
    AnswerAccepted = 8,
    /// <summary>The answer to the stack's Create could not be delivered within its ServiceTimeout: the stack rolls back.</summary>
    AnswerNotAccepted = 9,
    /// <summary>
    /// The role the stack reported failed its verification (not assumable with the external id, or assumable without
    /// it): the request was answered FAILED and the customer stays where it was (recorded, no state change).
    /// </summary>
    RoleRejected = 10,
    /// <summary>A periodic check found the Active customer's role broken (recorded, no state change; notified once).</summary>
    RoleDegraded = 11,
    /// <summary>A periodic check found a degraded role working again (recorded, no state change).</summary>
    RoleRecovered = 12,
    /// <summary>The launch link was renewed on request (the API or the console; the reason names who): recorded, no state change.</summary>
    LinkRenewed = 13,
    /// <summary>
    /// The template the service offers changed what it grants, and the Active customer's stack runs an older one
    /// (recorded, no state change; notified once with an update link).
    /// </summary>
    TemplateOutdated = 14,
}
