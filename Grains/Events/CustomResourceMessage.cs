using System.Text;
using System.Text.Json;
using Onboarding.Events;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Events;

/// <summary>
/// Reads a custom-resource request from an SQS message body: either the SNS envelope (the default
/// SNS → SQS delivery) or the bare request (raw message delivery). Nothing here is trusted yet; the
/// result only has the right shape. Never throws on bad input: the queue is fed from outside.
/// </summary>
public static class CustomResourceMessage
{
    /// <summary>SQS's own message size limit: anything larger did not come through SQS.</summary>
    public const int MaxBodyBytes = 256 * 1024;

    /// <summary>CloudFormation's properties are flat strings; a little nesting is tolerated, deep nesting is not.</summary>
    public const int MaxJsonDepth = 16;

    public const string NotificationType = "Notification";

    private static readonly JsonDocumentOptions DocumentOptions = new()
    {
        MaxDepth = MaxJsonDepth,
        // Two "StackId"s in one object could make two readers see two different requests.
        AllowDuplicateProperties = false,
    };

    public static ParseResult Parse(string? sqsMessageBody)
    {
        if (string.IsNullOrEmpty(sqsMessageBody)) return ParseResult.Failure("empty body");
        // Every char is at least one UTF-8 byte, so the cheap length test catches most oversized bodies.
        if (sqsMessageBody.Length > MaxBodyBytes || Encoding.UTF8.GetByteCount(sqsMessageBody) > MaxBodyBytes)
            return ParseResult.Failure($"body over {MaxBodyBytes} bytes");

        using var outer = TryParseJson(sqsMessageBody);
        if (outer is null) return ParseResult.Failure("body is not JSON");
        if (outer.RootElement.ValueKind != JsonValueKind.Object) return ParseResult.Failure("body is not a JSON object");

        try
        {
            // A CloudFormation request has "RequestType", never "Type": "Type" marks the SNS envelope.
            return outer.RootElement.TryGetProperty(SnsEnvelope.Type, out _)
                ? ParseEnvelope(outer.RootElement)
                : ParseRequest(outer.RootElement, sourceTopicArn: null, messageId: null);
        }
        catch (InvalidOperationException)
        {
            // GetString refuses escapes that make no valid text, such as a lone "\ud800".
            return ParseResult.Failure("a JSON string is not valid text");
        }
    }

    private static ParseResult ParseEnvelope(JsonElement envelope)
    {
        if (GetString(envelope, SnsEnvelope.Type) != NotificationType)
            return ParseResult.Failure("SNS message is not a Notification");
        if (GetString(envelope, SnsEnvelope.TopicArn) is not { Length: > 0 } topicArn)
            return ParseResult.Failure("SNS envelope without TopicArn");
        if (!envelope.TryGetProperty(SnsEnvelope.Message, out var message) || message.ValueKind != JsonValueKind.String)
            return ParseResult.Failure("SNS Message is not a string");

        using var inner = TryParseJson(message.GetString()!);
        if (inner is null) return ParseResult.Failure("SNS Message is not JSON");
        if (inner.RootElement.ValueKind != JsonValueKind.Object) return ParseResult.Failure("SNS Message is not a JSON object");
        return ParseRequest(inner.RootElement, topicArn, GetString(envelope, SnsEnvelope.MessageId));
    }

    private static ParseResult ParseRequest(JsonElement request, string? sourceTopicArn, string? messageId)
    {
        var required = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var field in RequestFields.Required)
        {
            if (!request.TryGetProperty(field, out var value)) return ParseResult.Failure($"request without {field}");
            if (value.ValueKind != JsonValueKind.String || value.GetString() is not { Length: > 0 } text)
                return ParseResult.Failure($"{field} is not a non-empty string");
            required[field] = text;
        }

        if (!IsAbsoluteHttpUrl(required[RequestFields.ResponseUrl], out var responseUrl))
            return ParseResult.Failure($"{RequestFields.ResponseUrl} is not an absolute http(s) URL");

        if (!TryGetOptionalString(request, RequestFields.PhysicalResourceId, out var physicalResourceId))
            return ParseResult.Failure($"{RequestFields.PhysicalResourceId} is not a string");
        if (!TryGetProperties(request, RequestFields.ResourceProperties, out var properties))
            return ParseResult.Failure($"{RequestFields.ResourceProperties} is not a JSON object");
        if (!TryGetProperties(request, RequestFields.OldResourceProperties, out var oldProperties))
            return ParseResult.Failure($"{RequestFields.OldResourceProperties} is not a JSON object");
        if (!TryGetOptionalString(request, RequestFields.ServiceToken, out var serviceToken))
            return ParseResult.Failure($"{RequestFields.ServiceToken} is not a string");

        // Raw delivery carries no TopicArn: the topic is the one the template named as ServiceToken.
        var topic = sourceTopicArn
            ?? NonEmpty(serviceToken)
            ?? NonEmpty(properties?.GetValueOrDefault(CustomResourceProperties.ServiceToken));
        if (topic is null) return ParseResult.Failure("no topic: neither TopicArn nor ServiceToken");

        return ParseResult.Success(new CustomResourceRequest
        {
            RequestType = required[RequestFields.RequestType],
            ResponseUrl = responseUrl,
            StackId = required[RequestFields.StackId],
            RequestId = required[RequestFields.RequestId],
            ResourceType = required[RequestFields.ResourceType],
            LogicalResourceId = required[RequestFields.LogicalResourceId],
            PhysicalResourceId = physicalResourceId,
            ResourceProperties = properties ?? new Dictionary<string, string>(StringComparer.Ordinal),
            OldResourceProperties = oldProperties,
            SourceTopicArn = topic,
            MessageId = messageId,
        });
    }

    private static bool IsAbsoluteHttpUrl(string text, out Uri url)
    {
        // On Unix "/path" parses as an absolute file: URI, so the scheme must be checked too.
        if (Uri.TryCreate(text, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttps || parsed.Scheme == Uri.UriSchemeHttp))
        {
            url = parsed;
            return true;
        }
        url = null!;
        return false;
    }

    private static bool TryGetOptionalString(JsonElement request, string name, out string? value)
    {
        value = null;
        if (!request.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return true;
        if (element.ValueKind != JsonValueKind.String) return false;
        value = element.GetString();
        return true;
    }

    /// <summary>
    /// CloudFormation sends strings; scalars of other kinds keep their JSON text ("42", "true") and
    /// nested values become compact JSON text. Nulls are left out.
    /// </summary>
    private static bool TryGetProperties(JsonElement request, string name, out IReadOnlyDictionary<string, string>? properties)
    {
        properties = null;
        if (!request.TryGetProperty(name, out var element) || element.ValueKind == JsonValueKind.Null) return true;
        if (element.ValueKind != JsonValueKind.Object) return false;

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            var text = property.Value.ValueKind switch
            {
                JsonValueKind.String => property.Value.GetString(),
                JsonValueKind.Null => null,
                JsonValueKind.Object or JsonValueKind.Array => CompactJson(property.Value),
                _ => property.Value.GetRawText(),
            };
            if (text is not null) values[property.Name] = text;
        }
        properties = values;
        return true;
    }

    private static string CompactJson(JsonElement element)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            element.WriteTo(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static JsonDocument? TryParseJson(string text)
    {
        try
        {
            return JsonDocument.Parse(text, DocumentOptions);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? GetString(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    /// <summary>Field names of the SNS → SQS envelope.</summary>
    private static class SnsEnvelope
    {
        public const string Type = "Type";
        public const string TopicArn = "TopicArn";
        public const string Message = "Message";
        public const string MessageId = "MessageId";
    }
}
