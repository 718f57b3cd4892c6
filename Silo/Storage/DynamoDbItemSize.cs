using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Onboarding.Silo.Storage;

/// <summary>
/// Measures an item the way DynamoDB counts it against its size limit: UTF-8 bytes of every attribute name plus
/// its value. Numbers are counted by their text length, an upper bound of DynamoDB's own count.
/// </summary>
internal static class DynamoDbItemSize
{
    private const int BooleanSizeBytes = 1;

    public static int Measure(IReadOnlyDictionary<string, AttributeValue> item)
    {
        var total = 0;
        foreach (var (name, value) in item)
        {
            total += Encoding.UTF8.GetByteCount(name) + MeasureValue(name, value);
        }
        return total;
    }

    private static int MeasureValue(string name, AttributeValue value) => value switch
    {
        { S: not null } => Encoding.UTF8.GetByteCount(value.S),
        { N: not null } => Encoding.UTF8.GetByteCount(value.N),
        { B: not null } => (int)value.B.Length,
        { BOOL: not null } => BooleanSizeBytes,
        _ => throw new NotSupportedException($"Attribute '{name}' has a type the grain storage does not write."),
    };
}
