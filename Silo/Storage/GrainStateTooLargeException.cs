namespace Onboarding.Silo.Storage;

/// <summary>
/// A grain state whose DynamoDB item would exceed the item-size limit. Thrown before anything is sent, so the stored
/// record is left as it was.
/// </summary>
public sealed class GrainStateTooLargeException(string grainId, string stateName, int sizeBytes, int limitBytes)
    : InvalidOperationException(
        $"Grain state '{stateName}' of grain '{grainId}' needs a {sizeBytes:N0}-byte DynamoDB item; the limit is {limitBytes:N0} bytes.")
{
    public string GrainId { get; } = grainId;
    public string StateName { get; } = stateName;
    public int SizeBytes { get; } = sizeBytes;
    public int LimitBytes { get; } = limitBytes;
}
