using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Api;

[Collection(ServiceCollectionDefinition.Name)]
public sealed class OpenApiDocumentTests(OnboardingService service)
{
    [Fact]
    public async Task The_document_lists_every_mapped_endpoint()
    {
        using var anonymous = service.ClientWithKey(null);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var documented = document.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject().Select(op => $"{op.Name.ToUpperInvariant()} {path.Name}"))
            .ToHashSet();

        // Every API route the application maps, read from its own routing table (not a list kept by hand).
        var mapped = service.Api.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IHttpMethodMetadata>() is not null)
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/openapi") && !e.RoutePattern.RawText!.StartsWith("/dashboard") && !e.RoutePattern.RawText!.StartsWith("/scalar"))
            // The operators' console and the pages' style and script files: pages for people, like the dashboard.
            .Where(e => !e.RoutePattern.RawText!.StartsWith("/console") && !e.RoutePattern.RawText!.StartsWith("/pages/assets"))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => $"{m} {Normalize(e.RoutePattern.RawText!)}"))
            .ToHashSet();

        Assert.NotEmpty(mapped);
        Assert.Superset(mapped, documented);
        Assert.Contains("DELETE /customers/{accountId}", documented);
        Assert.Contains("GET /stats", documented);
        Assert.Contains("GET /health/details", documented);
    }

    [Fact]
    public async Task The_api_key_scheme_is_documented_with_the_role_each_operation_needs()
    {
        using var anonymous = service.ClientWithKey(null);
        var document = await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json");

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey");
        Assert.Equal("apiKey", scheme.GetProperty("type").GetString());
        Assert.Equal("header", scheme.GetProperty("in").GetString());
        Assert.Equal("X-Api-Key", scheme.GetProperty("name").GetString());

        var paths = document.GetProperty("paths");
        Assert.Equal(["operator"], RolesOf(paths.GetProperty("/customers/{accountId}").GetProperty("delete")));
        Assert.Equal(["partner"], RolesOf(paths.GetProperty("/customers").GetProperty("post")));
        Assert.False(paths.GetProperty("/health/live").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/health/ready").GetProperty("get").TryGetProperty("security", out _));
        Assert.Equal(["operator"], RolesOf(paths.GetProperty("/health/details").GetProperty("get")));
    }

    [Fact]
    public async Task The_request_and_main_responses_carry_examples_in_the_api_wire_format()
    {
        using var anonymous = service.ClientWithKey(null);
        var schemas = (await anonymous.GetFromJsonAsync<JsonElement>("/openapi/v1.json")).GetProperty("components").GetProperty("schemas");

        Assert.Equal("123456789012", schemas.GetProperty("StartOnboardingRequest").GetProperty("examples")[0].GetProperty("accountId").GetString());
        Assert.Equal("Templated", schemas.GetProperty("OnboardingView").GetProperty("examples")[0].GetProperty("state").GetString());
        Assert.True(schemas.GetProperty("CustomerStats").GetProperty("examples")[0].GetProperty("byState").TryGetProperty("Active", out _));
        Assert.True(schemas.GetProperty("CustomerPage").TryGetProperty("examples", out _));
    }

    private static List<string> RolesOf(JsonElement operation) =>
        operation.GetProperty("security").EnumerateArray().Single().GetProperty("ApiKey").EnumerateArray().Select(r => r.GetString()!).ToList();

    /// <summary>Route patterns as OpenAPI writes them: a leading slash, no trailing one.</summary>
    private static string Normalize(string pattern) => "/" + pattern.Trim('/');
}
