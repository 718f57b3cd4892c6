using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Onboarding.Silo.Storage;

/// <summary>Settings of one named DynamoDB grain storage.</summary>
public sealed class DynamoDbGrainStorageOptions
{
    /// <summary>The table holding the grain states (see <see cref="DynamoDbGrainStorageTable"/> for its layout).</summary>
    public string TableName { get; set; } = "";

    /// <summary>
    /// How states are turned into JSON. Null means <see cref="CreateDefaultSerializerOptions"/>. Whatever is supplied
    /// must stay readable by later versions of the state types: changing it is a data migration.
    /// </summary>
    public JsonSerializerOptions? SerializerOptions { get; set; }

    /// <summary>How the JSON is stored (<see cref="Storage.PayloadCompression"/>); either form is read whatever this says.</summary>
    public PayloadCompression PayloadCompression { get; set; } = PayloadCompression.Brotli;

    /// <summary>
    /// The default, chosen to tolerate state types evolving: unknown JSON properties are skipped, missing ones keep
    /// their defaults, and enums are written by name so reordering members cannot change stored meaning.
    /// Non-ASCII text is kept as UTF-8 rather than \u-escaped: the payload is never embedded in HTML, and escaping
    /// would multiply the size of non-Latin names against the item-size limit.
    /// </summary>
    public static JsonSerializerOptions CreateDefaultSerializerOptions() => new(JsonSerializerDefaults.General)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Skip,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };
}
