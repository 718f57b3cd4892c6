using System.Text.Json;
using System.Text.Json.Serialization;
using Onboarding.Customers;

namespace Onboarding.Queries;

/// <summary>
/// A <see cref="CustomerCount"/> as one short string ("Templated", "Templated,stalled", "Active,degraded", "Active,outdated"): it is stored
/// in every customer record, billed per started KB.
/// </summary>
public sealed class CustomerCountJsonConverter : JsonConverter<CustomerCount>
{
    private const string Stalled = "stalled", Degraded = "degraded", Outdated = "outdated";

    public override CustomerCount Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var parts = (reader.GetString() ?? throw new JsonException("A customer count is a string.")).Split(',');
        if (!Enum.TryParse<OnboardingState>(parts[0], out var state)) throw new JsonException($"'{parts[0]}' is not an onboarding state.");
        return new CustomerCount(state, parts.Contains(Stalled), parts.Contains(Degraded), parts.Contains(Outdated));
    }

    public override void Write(Utf8JsonWriter writer, CustomerCount value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.State + (value.Stalled ? "," + Stalled : "") + (value.Degraded ? "," + Degraded : "") + (value.Outdated ? "," + Outdated : ""));
}
