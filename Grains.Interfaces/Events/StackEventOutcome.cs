namespace Onboarding.Events;

/// <summary>What a customer grain did with a custom-resource request.</summary>
/// <param name="Answer">The answer CloudFormation was given (the same one for every delivery of the request).</param>
/// <param name="Delivered">True when CloudFormation has the answer: only then may the message be deleted.</param>
/// <param name="Duplicate">True when the request had been handled before and only the answer was repeated.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.StackEventOutcome")]
public sealed record StackEventOutcome(CustomResourceAnswer Answer, bool Delivered, bool Duplicate);
