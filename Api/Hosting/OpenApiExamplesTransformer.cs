using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.Options;
using Microsoft.OpenApi;
using Onboarding.Api.Customers;
using Onboarding.Customers;
using Onboarding.Queries;

namespace Onboarding.Api.Hosting;

/// <summary>
/// Examples in the OpenAPI document for the request and the main responses, serialized with the API's
/// own JSON options from real records, so they cannot drift from what the API sends.
/// </summary>
public sealed class OpenApiExamplesTransformer(IOptions<JsonOptions> json) : IOpenApiSchemaTransformer
{
    private static readonly DateTimeOffset At = new(2026, 11, 25, 9, 30, 0, TimeSpan.Zero);
    private const string Account = "123456789012";

    private static readonly OnboardingView View = new(
        Account, OnboardingState.Templated, "q3ZrT8xWb2LmN5vYc7Hd9JkP4sFg6AeR", "eu-west-1", "crm-42",
        "arn:aws:sns:eu-west-1:111122223333:onboarding-events-eu-west-1-001",
        new Uri("https://onboarding.example.com/launch/123456789012-Vd3kQ8zLmP2xR7tYb5nW9cF4hJ6sA1eG0uK8oI3q"),
        At.AddDays(3), null, false, null, At, At, 0, null,
        [
            new(At, OnboardingState.None, OnboardingState.Pending, OnboardingTrigger.Start, "onboarding started"),
            new(At, OnboardingState.Pending, OnboardingState.Templated, OnboardingTrigger.TemplatePublished, "template uploaded; launch URL issued"),
        ]);

    private static readonly Dictionary<Type, object> Examples = new()
    {
        [typeof(StartOnboardingRequest)] = new StartOnboardingRequest(Account, "crm-42", "eu-west-1"),
        [typeof(OnboardingView)] = View,
        [typeof(CustomerPage)] = new CustomerPage(
            [new CustomerSummary(Account, OnboardingState.Templated, "eu-west-1", "crm-42", At, At, false)], "eyJWIjoxLCJTdGF0ZSI6IlRlbXBsYXRlZCJ9"),
        [typeof(CustomerStats)] = new CustomerStats(
            new Dictionary<OnboardingState, long> { [OnboardingState.Pending] = 2, [OnboardingState.Templated] = 140, [OnboardingState.Active] = 1210, [OnboardingState.Removed] = 37 },
            12, At, 3),
    };

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (Examples.TryGetValue(context.JsonTypeInfo.Type, out var example))
            schema.Examples = [JsonSerializer.SerializeToNode(example, json.Value.SerializerOptions)!];
        return Task.CompletedTask;
    }
}
