using System.Net.Http.Json;
using System.Text.Json;

namespace Onboarding.Bench.Driving;

/// <summary>The operator's calls the scale run times: /stats, and the counters' recount.</summary>
public sealed class OperatorApi(HttpClient http)
{
    /// <summary>The Development operator key (Api/appsettings.Development.json).</summary>
    public const string OperatorKey = "local-operator-key";

    public sealed record Recount(long Customers);

    public static OperatorApi Create(Uri baseUrl)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = TimeSpan.FromMinutes(10) };
        http.DefaultRequestHeaders.Add("X-Api-Key", OperatorKey);
        return new OperatorApi(http);
    }

    public async Task<JsonElement> StatsAsync() => await http.GetFromJsonAsync<JsonElement>("stats");

    public async Task<Recount> RecountAsync()
    {
        using var response = await http.PostAsync("stats/recount", content: null);
        response.EnsureSuccessStatusCode();
        var after = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("after");
        return new Recount(after.GetProperty("byState").EnumerateObject().Sum(s => s.Value.GetInt64()));
    }
}
