using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Hosting;

public sealed class ReadinessTests(OnboardingService service) : IClassFixture<OnboardingService>
{
    [Fact]
    public async Task Ready_is_200_while_everything_answers_and_503_naming_each_stand_in_that_stops()
    {
        var live = await service.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);

        var ready = await service.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal(["dynamodb", "orleans", "s3", "sqs"], Healthy(await ready.Content.ReadFromJsonAsync<JsonElement>()).Order());

        // Readiness answers from the latest probe: a stopped stand-in shows once the cached probe expired.
        await service.Aws.StopFauxqsAsync();
        var withoutFauxqs = await ReportOnceFailingAsync(["s3", "sqs"]);
        AssertNamesAndHealthOnly(withoutFauxqs);

        await service.Aws.StopDynamoDbAsync();
        AssertNamesAndHealthOnly(await ReportOnceFailingAsync(["dynamodb", "s3", "sqs"]));

        // Operators read why.
        var details = await service.Client.GetAsync("/health/details");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, details.StatusCode);
        var detailed = await details.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(detailed.GetProperty("probedAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-1));
        Assert.All(detailed.GetProperty("dependencies").EnumerateArray().Where(d => !d.GetProperty("healthy").GetBoolean()),
            d => Assert.False(string.IsNullOrWhiteSpace(d.GetProperty("error").GetString())));

        // Liveness is about the process only.
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health/live")).StatusCode);
    }

    /// <summary>The public report, once its failing dependencies are exactly <paramref name="failing"/> (503).</summary>
    private async Task<JsonElement> ReportOnceFailingAsync(string[] failing)
    {
        using var anonymous = service.ClientWithKey(null);
        return await Eventually.ValueAsync<JsonElement>(async () =>
        {
            var response = await anonymous.GetAsync("/health/ready");
            var body = await response.Content.ReadFromJsonAsync<JsonElement>();
            return response.StatusCode == HttpStatusCode.ServiceUnavailable && Failing(body).Order().SequenceEqual(failing) ? body : null;
        }, $"readiness to name {string.Join(", ", failing)} as failing");
    }

    /// <summary>Anonymous callers learn which dependency is down, never why (errors can name accounts and ARNs).</summary>
    private static void AssertNamesAndHealthOnly(JsonElement report) =>
        Assert.All(report.GetProperty("dependencies").EnumerateArray(),
            d => Assert.Equal(["healthy", "name"], d.EnumerateObject().Select(p => p.Name).Order()));

    private static IEnumerable<string> Healthy(JsonElement report) => Names(report, healthy: true);

    private static IEnumerable<string> Failing(JsonElement report) => Names(report, healthy: false);

    private static IEnumerable<string> Names(JsonElement report, bool healthy) =>
        report.GetProperty("dependencies").EnumerateArray()
            .Where(d => d.GetProperty("healthy").GetBoolean() == healthy)
            .Select(d => d.GetProperty("name").GetString()!)
            .ToList();
}
