using Onboarding.Events;

namespace Onboarding.Grains.Customers;

/// <summary>A custom-resource request this customer answered, kept so a redelivery repeats the same answer.</summary>
[GenerateSerializer, Alias("Onboarding.HandledRequest")]
public sealed record HandledRequest
{
    [Id(0)] public required string StackId { get; init; }
    [Id(1)] public required string RequestId { get; init; }
    [Id(2)] public required CustomResourceAnswer Answer { get; init; }
    // [Id(3)] HandledAt and [Id(4)] Delivered were never read: removed, their ids not to be reused.

    public bool Matches(CustomResourceRequest request) =>
        string.Equals(StackId, request.StackId, StringComparison.Ordinal) &&
        string.Equals(RequestId, request.RequestId, StringComparison.Ordinal);
}
