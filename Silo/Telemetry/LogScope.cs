using System.Collections;

namespace Onboarding.Silo.Telemetry;

/// <summary>
/// Named values around a piece of work: structured for JSON logs (key/value pairs) and readable in
/// the simple console ("AccountId:123456789012 RequestId:…"). Empty values are left out.
/// </summary>
public sealed class LogScope(params (string Key, string? Value)[] values) : IReadOnlyList<KeyValuePair<string, object?>>
{
    private readonly KeyValuePair<string, object?>[] _pairs =
        [.. values.Where(v => !string.IsNullOrEmpty(v.Value)).Select(v => new KeyValuePair<string, object?>(v.Key, v.Value))];

    public int Count => _pairs.Length;

    public KeyValuePair<string, object?> this[int index] => _pairs[index];

    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)_pairs).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(' ', _pairs.Select(p => $"{p.Key}:{p.Value}"));
}
