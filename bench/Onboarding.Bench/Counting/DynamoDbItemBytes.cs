using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Onboarding.Bench.Counting;

/// <summary>
/// An item's size as DynamoDB bills it: per attribute, the UTF-8 bytes of its name plus its value (strings in UTF-8,
/// binary as bytes, numbers about one byte per two significant digits plus one, lists and maps 3 bytes plus one per
/// element plus their contents). Write capacity is one unit per started kilobyte of it.
/// </summary>
public static class DynamoDbItemBytes
{
    public const int BytesPerWriteUnit = 1024;

    public static int Of(IReadOnlyDictionary<string, AttributeValue> item) => item.Sum(a => Encoding.UTF8.GetByteCount(a.Key) + Value(a.Value));

    /// <summary>Write units of one write of an item (or index entry) this large: at least one.</summary>
    public static int WriteUnits(int bytes) => Math.Max(1, (bytes + BytesPerWriteUnit - 1) / BytesPerWriteUnit);

    private static int Value(AttributeValue value) => value switch
    {
        { S: not null } => Encoding.UTF8.GetByteCount(value.S),
        { N: not null } => Number(value.N),
        { B: not null } => (int)value.B.Length,
        { BOOL: not null } => 1,
        { NULL: true } => 1,
        { SS: { Count: > 0 } ss } => ss.Sum(Encoding.UTF8.GetByteCount),
        { NS: { Count: > 0 } ns } => ns.Sum(Number),
        { BS: { Count: > 0 } bs } => bs.Sum(b => (int)b.Length),
        { L: { } list } => 3 + list.Sum(v => 1 + Value(v)),
        { M: { } map } => 3 + map.Count + Of(map),
        _ => 0,
    };

    // DynamoDB stores numbers as base-100 digits: one byte per two significant digits, plus one.
    private static int Number(string text)
    {
        var digits = decimal.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture).ToString(CultureInfo.InvariantCulture)
            .TrimStart('-').Replace(".", "", StringComparison.Ordinal).Trim('0').Length;
        return 1 + Math.Max(1, (digits + 1) / 2) + (text.StartsWith('-') ? 1 : 0);
    }
}
