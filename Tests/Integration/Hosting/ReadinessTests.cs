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

        await service.Aws.StopFauxqsAsync();
        var withoutFauxqs = await service.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, withoutFauxqs.StatusCode);
        var report = await withoutFauxqs.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(["s3", "sqs"], Failing(report).Order());

        await service.Aws.StopDynamoDbAsync();
        var withNothing = await service.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, withNothing.StatusCode);
        Assert.Equal(["dynamodb", "s3", "sqs"], Failing(await withNothing.Content.ReadFromJsonAsync<JsonElement>()).Order());

        // Liveness is about the process only.
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/health/live")).StatusCode);
    }

    private static IEnumerable<string> Healthy(JsonElement report) => Names(report, healthy: true);

    private static IEnumerable<string> Failing(JsonElement report) => Names(report, healthy: false);

    private static IEnumerable<string> Names(JsonElement report, bool healthy) =>
        report.GetProperty("dependencies").EnumerateArray()
            .Where(d => d.GetProperty("healthy").GetBoolean() == healthy)
            .Select(d => d.GetProperty("name").GetString()!)
            .ToList();
}
