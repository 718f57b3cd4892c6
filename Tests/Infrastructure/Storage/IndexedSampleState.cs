using System.Globalization;
using System.Text.Json.Serialization;
using Onboarding.Persistence;
using Onboarding.Silo.Storage;

namespace Onboarding.Tests.Infrastructure.Storage;

/// <summary>A state publishing the <c>ByState</c> index keys plus one optional attribute.</summary>
public sealed class IndexedSampleState : IIndexedState
{
    public const string RegionAttribute = "Region";

    public string Stage { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    public string Region { get; set; } = "";

    [JsonIgnore]
    public IReadOnlyDictionary<string, string> IndexedAttributes => new Dictionary<string, string>
    {
        [DynamoDbGrainStorageTable.OnboardingStateAttribute] = Stage,
        [DynamoDbGrainStorageTable.CreatedAtAttribute] = CreatedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
        [RegionAttribute] = Region,
    };
}

/// <summary>A state that tries to overwrite an attribute the storage owns.</summary>
public sealed class ReservedNameIndexedState : IIndexedState
{
    public string Value { get; set; } = "";

    [JsonIgnore]
    public IReadOnlyDictionary<string, string> IndexedAttributes =>
        new Dictionary<string, string> { [DynamoDbGrainStorageTable.PayloadAttribute] = Value };
}
