using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Api;

/// <summary>Every endpoint × {no key, partner key, operator key, wrong key}: who gets through, and how refusals read.</summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed class ApiAccessTests(OnboardingService service)
{
    public enum Caller { NoKey, Partner, Operator, WrongKey }

    private enum Needs { Nothing, Partner, Operator }

    /// <summary>An endpoint, the role it needs, and the status it answers when let through.</summary>
    private sealed record Endpoint(Needs Role, HttpStatusCode Allowed, Func<string, HttpRequestMessage> Request);

    private static readonly Dictionary<string, Endpoint> Endpoints = new()
    {
        ["start"] = new(Needs.Partner, HttpStatusCode.Created, account =>
            new(HttpMethod.Post, "/customers") { Content = JsonContent.Create(new { accountId = account }) }),
        ["read"] = new(Needs.Partner, HttpStatusCode.OK, account => new(HttpMethod.Get, $"/customers/{account}")),
        ["history"] = new(Needs.Partner, HttpStatusCode.OK, account => new(HttpMethod.Get, $"/customers/{account}/history")),
        ["launch-url"] = new(Needs.Partner, HttpStatusCode.OK, account => new(HttpMethod.Post, $"/customers/{account}/launch-url")),
        ["off-board"] = new(Needs.Operator, HttpStatusCode.OK, account => new(HttpMethod.Delete, $"/customers/{account}")),
        ["list"] = new(Needs.Operator, HttpStatusCode.OK, _ => new(HttpMethod.Get, "/customers?state=Templated&limit=5")),
        ["stats"] = new(Needs.Operator, HttpStatusCode.OK, _ => new(HttpMethod.Get, "/stats")),
        ["metrics"] = new(Needs.Operator, HttpStatusCode.OK, _ => new(HttpMethod.Get, "/metrics")),
        ["dashboard"] = new(Needs.Operator, HttpStatusCode.OK, _ => new(HttpMethod.Get, "/dashboard/")),
        ["live"] = new(Needs.Nothing, HttpStatusCode.OK, _ => new(HttpMethod.Get, "/health/live")),
        ["ready"] = new(Needs.Nothing, HttpStatusCode.OK, _ => new(HttpMethod.Get, "/health/ready")),
        ["health-details"] = new(Needs.Operator, HttpStatusCode.OK, _ => new(HttpMethod.Get, "/health/details")),
        ["openapi"] = new(Needs.Nothing, HttpStatusCode.OK, _ => new(HttpMethod.Get, "/openapi/v1.json")),
    };

    public static TheoryData<string, Caller> Matrix()
    {
        var data = new TheoryData<string, Caller>();
        foreach (var endpoint in Endpoints.Keys)
            foreach (var caller in Enum.GetValues<Caller>())
                data.Add(endpoint, caller);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_endpoint_lets_in_exactly_the_roles_it_names(string name, Caller caller)
    {
        var endpoint = Endpoints[name];
        var account = TestAccounts.Next();
        if (name != "start") (await service.Client.PostAsJsonAsync("/customers", new { accountId = account })).EnsureSuccessStatusCode();
        using var client = service.ClientWithKey(caller switch
        {
            Caller.Partner => OnboardingService.PartnerKey,
            Caller.Operator => OnboardingService.OperatorKey,
            Caller.WrongKey => "not-a-key-" + Guid.NewGuid().ToString("N"),
            _ => null,
        });

        using var response = await client.SendAsync(endpoint.Request(account));

        var expected = (endpoint.Role, caller) switch
        {
            (Needs.Nothing, _) => endpoint.Allowed,
            (_, Caller.NoKey or Caller.WrongKey) => HttpStatusCode.Unauthorized,
            (Needs.Operator, Caller.Partner) => HttpStatusCode.Forbidden,
            _ => endpoint.Allowed,
        };
        Assert.Equal(expected, response.StatusCode);
        if (expected is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal((int)expected, problem.GetProperty("status").GetInt32());
            Assert.EndsWith(expected == HttpStatusCode.Unauthorized ? "/unauthorized" : "/forbidden", problem.GetProperty("type").GetString());
        }
        if (expected != endpoint.Allowed && name is "start" or "off-board" or "launch-url")
        {
            // A refused command changed nothing.
            var view = await service.Client.GetAsync($"/customers/{account}");
            if (name == "start") Assert.Equal(HttpStatusCode.NotFound, view.StatusCode);
            else Assert.Equal("Templated", (await view.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("state").GetString());
        }
    }

    [Fact]
    public async Task A_refused_key_is_not_echoed_and_a_401_names_the_header_to_send()
    {
        var key = "secret-looking-" + Guid.NewGuid().ToString("N");
        using var client = service.ClientWithKey(key);

        var response = await client.GetAsync("/stats");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain(key, body);
        Assert.Contains("X-Api-Key", body);
    }

    [Fact]
    public async Task A_browser_reaches_the_dashboard_with_the_operator_key_as_its_basic_password_and_is_asked_for_it()
    {
        using var browser = service.ClientWithKey(null);

        var challenged = await browser.GetAsync("/dashboard/");
        Assert.Equal(HttpStatusCode.Unauthorized, challenged.StatusCode);
        Assert.Equal("Basic", challenged.Headers.WwwAuthenticate.Single().Scheme);

        Assert.Equal(HttpStatusCode.OK, (await SendBasicAsync(browser, "/dashboard/", OnboardingService.OperatorKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await SendBasicAsync(browser, "/dashboard/", OnboardingService.PartnerKey)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await SendBasicAsync(browser, "/dashboard/", "wrong")).StatusCode);
        // Only the browser pages prompt; API clients get a plain 401.
        Assert.Empty((await browser.GetAsync("/stats")).Headers.WwwAuthenticate);
    }

    private static Task<HttpResponseMessage> SendBasicAsync(HttpClient client, string path, string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Basic", Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("operator:" + key)));
        return client.SendAsync(request);
    }
}
