using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Onboarding.Events;

namespace Onboarding.Grains.Events;

/// <summary>
/// The body PUT to a request's ResponseURL, with CloudFormation's field names. CloudFormation refuses
/// bodies over <see cref="MaxBodyBytes"/>, which would leave the stack waiting until its timeout, so
/// the body is made to fit: first by shortening Reason, then by dropping Data.
/// </summary>
public static class CustomResourceAnswerJson
{
    public const int MaxBodyBytes = 4096;
    public const int MaxPhysicalResourceIdBytes = 1024;
    public const string Ellipsis = "…";
    public const string DataDroppedNote = "(Data omitted: answer too large) ";

    // The body is read by CloudFormation, never embedded in HTML: raw UTF-8 keeps non-ASCII text
    // readable and a third of the size of \uXXXX escapes.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <exception cref="ArgumentException">
    /// Status is neither SUCCESS nor FAILED, FAILED has no Reason, PhysicalResourceId is over 1 KB, or
    /// the answer cannot fit even without Reason and Data.
    /// </exception>
    public static byte[] Serialize(CustomResourceAnswer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.Status is not (CustomResourceAnswer.Success or CustomResourceAnswer.Failed))
            throw new ArgumentException($"Status must be {CustomResourceAnswer.Success} or {CustomResourceAnswer.Failed}.", nameof(answer));
        if (answer.Status == CustomResourceAnswer.Failed && string.IsNullOrEmpty(answer.Reason))
            throw new ArgumentException("CloudFormation requires a Reason with FAILED.", nameof(answer));
        if (Encoding.UTF8.GetByteCount(answer.PhysicalResourceId) > MaxPhysicalResourceIdBytes)
            throw new ArgumentException($"PhysicalResourceId is over {MaxPhysicalResourceIdBytes} bytes.", nameof(answer));

        var reason = answer.Reason is null ? null : ValidText(answer.Reason);
        var body = Write(answer, reason, answer.Data);
        if (body.Length <= MaxBodyBytes) return body;

        if (reason is not null && FitReason(answer, reason, answer.Data) is { } withData) return withData;

        var note = DataDroppedNote + (reason ?? string.Empty);
        return (answer.Data is not null ? FitReason(answer, note, data: null) : null)
            ?? throw new ArgumentException($"The answer does not fit in {MaxBodyBytes} bytes even without Reason and Data.", nameof(answer));
    }

    /// <summary>The longest prefix of <paramref name="reason"/> (whole runes, plus an ellipsis) that fits, or null.</summary>
    private static byte[]? FitReason(CustomResourceAnswer answer, string reason, IReadOnlyDictionary<string, string>? data)
    {
        var full = Write(answer, reason, data);
        if (full.Length <= MaxBodyBytes) return full;

        // Cut at rune boundaries only, so no surrogate pair is split; escaping makes sizes non-linear,
        // hence a search over the serialized size rather than arithmetic.
        var runes = reason.EnumerateRunes().ToArray();
        byte[]? best = null;
        int low = 0, high = runes.Length - 1;
        while (low <= high)
        {
            var middle = low + (high - low) / 2;
            var candidate = Write(answer, Prefix(runes, middle) + Ellipsis, data);
            if (candidate.Length <= MaxBodyBytes)
            {
                best = candidate;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        return best;
    }

    private static string Prefix(Rune[] runes, int count)
    {
        var text = new StringBuilder();
        for (var i = 0; i < count; i++) text.Append(runes[i].ToString());
        return text.ToString();
    }

    /// <summary>Lone surrogates cannot be written as UTF-8; EnumerateRunes turns them into U+FFFD.</summary>
    private static string ValidText(string text) =>
        string.Concat(text.EnumerateRunes().Select(r => r.ToString()));

    private static byte[] Write(CustomResourceAnswer answer, string? reason, IReadOnlyDictionary<string, string>? data)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString(AnswerFields.Status, answer.Status);
            if (reason is not null) writer.WriteString(AnswerFields.Reason, reason);
            writer.WriteString(AnswerFields.PhysicalResourceId, ValidText(answer.PhysicalResourceId));
            writer.WriteString(AnswerFields.StackId, ValidText(answer.StackId));
            writer.WriteString(AnswerFields.RequestId, ValidText(answer.RequestId));
            writer.WriteString(AnswerFields.LogicalResourceId, ValidText(answer.LogicalResourceId));
            if (data is not null)
            {
                writer.WriteStartObject(AnswerFields.Data);
                foreach (var (name, value) in data) writer.WriteString(ValidText(name), ValidText(value));
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
