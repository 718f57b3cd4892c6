namespace Onboarding.Grains.Customers;

/// <summary>The Create answer an Activating customer waits to see accepted, and until when CloudFormation listens.</summary>
[GenerateSerializer, Alias("Onboarding.AwaitedAnswer")]
public sealed record AwaitedAnswer(
    [property: Id(0)] string StackId,
    [property: Id(1)] string RequestId,
    [property: Id(2)] DateTimeOffset AnswerBy)
{
    public bool IsFor(string stackId, string requestId) =>
        string.Equals(StackId, stackId, StringComparison.Ordinal) && string.Equals(RequestId, requestId, StringComparison.Ordinal);
}
