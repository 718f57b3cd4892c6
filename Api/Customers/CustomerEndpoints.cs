using System.Text.Json;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Onboarding.Api.Problems;
using Onboarding.Customers;

namespace Onboarding.Api.Customers;

/// <summary>Start an onboarding and read a customer.</summary>
public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder routes)
    {
        var customers = routes.MapGroup("/customers").WithTags("Customers");

        customers.MapPost("/", StartAsync)
            .WithName("StartOnboarding")
            .WithSummary("Start (or resume) the onboarding of a customer account.")
            .WithDescription("201 with the onboarding view and a Location header for a new onboarding; 200 with the same view when it was already started.")
            .Accepts<StartOnboardingRequest>("application/json")
            .Produces<OnboardingView>(StatusCodes.Status201Created)
            .Produces<OnboardingView>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict);

        customers.MapGet("/{accountId}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("Read a customer's onboarding: state, external id, launch URL, timestamps, history.")
            .Produces<OnboardingView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<IResult> StartAsync(HttpRequest http, IClusterClient cluster, IOptions<ApiOptions> options, IOptions<JsonOptions> json)
    {
        var body = await BoundedBody.ReadAsync(http, options.Value.MaxRequestBodyBytes);
        if (body.Error is { } tooLarge) return ProblemResults.Invalid("body", tooLarge);

        StartOnboardingRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<StartOnboardingRequest>(body.Bytes, json.Value.SerializerOptions);
        }
        catch (JsonException exception)
        {
            return ProblemResults.Invalid("body", $"The body is not valid JSON for this request: {exception.Message}");
        }
        if (request is null) return ProblemResults.Invalid("body", "The body must be a JSON object.");

        var errors = CustomerRequestRules.Check(request, options.Value);
        if (errors.Count > 0) return ProblemResults.Invalid(errors);

        var command = new StartOnboardingCommand(request.Region ?? options.Value.DefaultRegion, request.Reference);
        var result = await cluster.GetGrain<ICustomerGrain>(request.AccountId!).StartOnboarding(command);
        return result switch
        {
            { Refusal: { } refusal } => ProblemResults.Refused(refusal),
            { View: { } view, Created: true } => TypedResults.Created($"/customers/{view.AccountId}", view),
            { View: { } view } => TypedResults.Ok(view),
            _ => throw new InvalidOperationException("StartOnboarding returned neither a view nor a refusal."),
        };
    }

    private static async Task<IResult> GetAsync(string accountId, IClusterClient cluster)
    {
        if (CustomerRequestRules.CheckAccountId(accountId) is { } error) return ProblemResults.Invalid("accountId", error);
        var view = await cluster.GetGrain<ICustomerGrain>(accountId).GetView();
        return view is null
            ? ProblemResults.NotFound($"No onboarding was ever started for account {accountId}.")
            : TypedResults.Ok(view);
    }
}
