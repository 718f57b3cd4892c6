using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Api;

/// <summary>The service with a failed-authentication limit of three per window.</summary>
public sealed class LowAuthLimitService : OnboardingService
{
    public const int Limit = 3;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraApiSettings =>
        [new("Auth:MaxFailuresPerWindow", Limit.ToString()), new("Auth:FailureWindow", "00:10:00")];
}

public sealed class FailedAuthenticationLimitTests(LowAuthLimitService service) : IClassFixture<LowAuthLimitService>
{
    [Fact]
    public async Task Past_the_limit_unknown_keys_get_429_while_valid_keys_and_health_still_work()
    {
        using var guesser = service.ClientWithKey("guess-" + Guid.NewGuid().ToString("N"));
        for (var i = 0; i < LowAuthLimitService.Limit; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await guesser.GetAsync("/stats")).StatusCode);

        var limited = await guesser.GetAsync("/stats");
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.Equal("application/problem+json", limited.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith("/too-many-requests", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("type").GetString());

        // Clients behind the same address with a real key are not locked out by a guesser.
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await guesser.GetAsync("/stats")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await guesser.GetAsync("/health/live")).StatusCode);
    }
}
