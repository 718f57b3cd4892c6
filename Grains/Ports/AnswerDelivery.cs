namespace Onboarding.Grains.Ports;

/// <summary>How sending one answer to CloudFormation went.</summary>
/// <param name="Delivered">The ResponseURL accepted the body (a 2xx answer).</param>
/// <param name="Attempts">HTTP attempts made, the first included.</param>
/// <param name="StatusCode">The last HTTP status received, if any attempt got one.</param>
/// <param name="Error">Why the last attempt failed (status text or network error), when not delivered.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.AnswerDelivery")]
public sealed record AnswerDelivery(
    [property: Id(0)] bool Delivered,
    [property: Id(1)] int Attempts,
    [property: Id(2)] int? StatusCode,
    [property: Id(3)] string? Error);
