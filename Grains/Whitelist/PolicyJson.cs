using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Onboarding.Grains.Whitelist;

/// <summary>How policy text is written and measured: compact, so the 30 KB quota holds more accounts.</summary>
internal static class PolicyJson
{
    // A policy is never embedded in HTML: no need to escape '+', '<' or '&'.
    private static readonly JsonSerializerOptions Compact = new()
    {
        WriteIndented = false,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string Write(JsonNode node) => node.ToJsonString(Compact);

    public static int ByteCount(JsonNode node) => Encoding.UTF8.GetByteCount(Write(node));
}
