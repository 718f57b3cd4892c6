using System.Text.Json;
using System.Text.Json.Serialization;

namespace Onboarding.Bench.Reporting;

public static class JsonReport
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Serialize(BenchReport report) => JsonSerializer.Serialize(report, Json);
}
