using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Onboarding.CustomerSimulation.Customers;

/// <summary>The partner's calls to the service's API that an onboarding needs (API key in X-Api-Key).</summary>
public sealed class OnboardingApiClient(HttpClient http)
{
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>An API client on <paramref name="baseUrl"/> sending <paramref name="apiKey"/>.</summary>
    public static OnboardingApiClient Create(Uri baseUrl, string apiKey, HttpMessageHandler? handler = null)
    {
        var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
        http.BaseAddress = baseUrl;
        http.DefaultRequestHeaders.Add(ApiKeyHeader, apiKey);
        return new OnboardingApiClient(http);
    }

    /// <summary>POST /customers: 201 for a new onboarding, 200 for one already started; anything else throws.</summary>
    public async Task<JsonElement> StartAsync(string accountId, string region, string? reference = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("customers", new { accountId, region, reference }, cancellationToken);
        return await ReadAsync(response, $"POST /customers for {accountId}", cancellationToken);
    }

    /// <summary>GET /customers/{accountId}; null when the service never heard of the account.</summary>
    public async Task<JsonElement?> GetAsync(string accountId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"customers/{accountId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync(response, $"GET /customers/{accountId}", cancellationToken);
    }

    /// <summary>POST /organizations: 201 for a new organization onboarding, 200 for one already started; anything else throws.</summary>
    public async Task<JsonElement> StartOrganizationAsync(
        string organizationId, string managementAccountId, string region, IReadOnlyList<string> deploymentTargets, string? reference = null, CancellationToken cancellationToken = default)
    {
        using var response = await http.PostAsJsonAsync("organizations", new { managementAccountId, organizationId, region, reference, deploymentTargets }, cancellationToken);
        return await ReadAsync(response, $"POST /organizations for {organizationId}", cancellationToken);
    }

    /// <summary>GET /organizations/{organizationId}; null when the service never heard of it.</summary>
    public async Task<JsonElement?> GetOrganizationAsync(string organizationId, CancellationToken cancellationToken = default)
    {
        using var response = await http.GetAsync($"organizations/{organizationId}", cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotFound) return null;
        return await ReadAsync(response, $"GET /organizations/{organizationId}", cancellationToken);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, string what, CancellationToken cancellationToken)
    {
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new HttpRequestException($"{what} answered {(int)response.StatusCode}: {body}", null, response.StatusCode);
        using var document = JsonDocument.Parse(body);
        return document.RootElement.Clone();
    }
}
