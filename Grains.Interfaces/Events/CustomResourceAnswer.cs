namespace Onboarding.Events;

/// <summary>The answer CloudFormation gets for a request: SUCCESS or FAILED with a reason.</summary>
[GenerateSerializer, Immutable, Alias("Onboarding.CustomResourceAnswer")]
public sealed record CustomResourceAnswer
{
    public const string Success = "SUCCESS";
    public const string Failed = "FAILED";

    [Id(0)] public required string Status { get; init; }
    /// <summary>Required with FAILED; never reveals expected values.</summary>
    [Id(1)] public string? Reason { get; init; }
    /// <summary>The same value in every answer about one resource.</summary>
    [Id(2)] public required string PhysicalResourceId { get; init; }
    [Id(3)] public required string StackId { get; init; }
    [Id(4)] public required string RequestId { get; init; }
    [Id(5)] public required string LogicalResourceId { get; init; }
    /// <summary>Name/value pairs readable with Fn::GetAtt.</summary>
    [Id(6)] public IReadOnlyDictionary<string, string>? Data { get; init; }
}
