namespace Onboarding.Silo.Aws.Sns;

/// <summary>
/// The form-encoded parameters of one SNS Query API call (<c>Action=...&amp;Version=2010-03-31&amp;...</c>).
/// Every attempt sends the same (buffered) content; the SDK handler signs each attempt anew.
/// </summary>
internal sealed class SnsQuery
{
    public const string ApiVersion = "2010-03-31";
    private const int FirstEntryIndex = 1; // the Query API numbers map entries from 1

    private readonly List<KeyValuePair<string, string>> _parameters = [];

    public SnsQuery(string action)
    {
        Action = action;
        Add("Action", action);
        Add("Version", ApiVersion);
    }

    public string Action { get; }

    public SnsQuery Add(string name, string value)
    {
        _parameters.Add(new(name, value));
        return this;
    }

    /// <summary>A map in the Query API's shape: <c>PREFIX.entry.N.key</c> / <c>PREFIX.entry.N.value</c>, N from 1.</summary>
    public SnsQuery AddMap(string prefix, IReadOnlyDictionary<string, string>? map)
    {
        if (map is null) return this;
        var index = FirstEntryIndex;
        foreach (var (key, value) in map)
        {
            Add($"{prefix}.entry.{index}.key", key);
            Add($"{prefix}.entry.{index}.value", value);
            index++;
        }
        return this;
    }

    public HttpContent ToContent() => new FormUrlEncodedContent(_parameters);
}
