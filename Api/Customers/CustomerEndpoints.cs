using System.Globalization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Onboarding.Api.Auth;
using Onboarding.Api.Cluster;
using Onboarding.Api.Problems;
using Onboarding.Customers;
using Onboarding.Queries;

namespace Onboarding.Api.Customers;

/// <summary>Start an onboarding and read a customer.</summary>
public static class CustomerEndpoints
{
    public static IEndpointRouteBuilder MapCustomerEndpoints(this IEndpointRouteBuilder routes)
    {
        var customers = routes.MapGroup("/customers").WithTags("Customers").RequireAuthorization(ApiRoles.PartnerPolicy);

        customers.MapPost("/", StartAsync)
            .WithName("StartOnboarding")
            .WithSummary("Start (or resume) the onboarding of a customer account.")
            .WithDescription("201 with the onboarding view and a Location header for a new onboarding; 200 with the same view when it was already started.")
            .Accepts<StartOnboardingRequest>("application/json")
            .Produces<OnboardingView>(StatusCodes.Status201Created)
            .Produces<OnboardingView>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        customers.MapGet("/{accountId}", GetAsync)
            .WithName("GetCustomer")
            .WithSummary("Read a customer's onboarding: state, external id, launch URL, timestamps, history.")
            .Produces<OnboardingView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        customers.MapGet("/{accountId}/history", HistoryAsync)
            .WithName("GetCustomerHistory")
            .WithSummary("A customer's transition history: what happened, when, why (oldest first).")
            .Produces<IReadOnlyList<TransitionRecord>>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        customers.MapPost("/{accountId}/launch-url", RenewLaunchUrlAsync)
            .WithName("RenewLaunchUrl")
            .WithSummary("Renew the launch link while the onboarding is Templated: the same link, working for its full lifetime from now.")
            .Produces<OnboardingView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        customers.MapDelete("/{accountId}", OffBoardAsync)
            .RequireAuthorization(ApiRoles.OperatorPolicy)
            .WithName("OffBoardCustomer")
            .WithSummary("Off-board a customer: removed from its topic, role kept for audit but unusable, partner notified.")
            .WithDescription("The customer's later stack deletion is still answered SUCCESS. Repeating it returns the Removed view.")
            .Produces<OnboardingView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        customers.MapGet("/", ListAsync)
            .RequireAuthorization(ApiRoles.OperatorPolicy)
            .WithName("ListCustomers")
            .WithSummary("Customers in one state, newest first, a page at a time (opaque cursors forward and back; roleHealth=Degraded or outdated=true narrow the Active ones); or, with reference, the customers started under it in any state.")
            .WithDescription("reference reads every state's index entries (the reference is filtered after the read): an operator's search, not a per-request lookup.")
            .AddOpenApiOperationTransformer(DocumentLimitAsNumber)
            .Produces<CustomerPage>()
            .ProducesValidationProblem();

        return routes;
    }

    private static async Task<IResult> HistoryAsync(string accountId, IClusterClient cluster, IdempotentClusterCalls calls)
    {
        if (CustomerRequestRules.CheckAccountId(accountId) is { } error) return ProblemResults.Invalid("accountId", error);
        var view = await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(accountId).GetView());
        return view is null ? UnknownAccount(accountId) : TypedResults.Ok(view.History);
    }

    private static async Task<IResult> RenewLaunchUrlAsync(string accountId, IClusterClient cluster, IdempotentClusterCalls calls)
    {
        if (CustomerRequestRules.CheckAccountId(accountId) is { } error) return ProblemResults.Invalid("accountId", error);
        return ToResult(await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(accountId).RenewLaunchUrl("launch link renewed by the partner through the API")));
    }

    private static async Task<IResult> OffBoardAsync(string accountId, IClusterClient cluster, IdempotentClusterCalls calls)
    {
        if (CustomerRequestRules.CheckAccountId(accountId) is { } error) return ProblemResults.Invalid("accountId", error);
        return ToResult(await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(accountId).OffBoard("off-boarded by partner")));
    }

    private static async Task<IResult> ListAsync(
        string? state, string? limit, string? cursor, string? roleHealth, string? outdated, string? reference, IClusterClient cluster, IdempotentClusterCalls calls, IOptions<ApiOptions> options)
    {
        if (reference is not null)
        {
            var referenceErrors = CustomerRequestRules.CheckReferenceQuery(reference, state, limit, roleHealth, cursor, options.Value, out var searchSize);
            if (outdated is not null)
                referenceErrors["outdated"] = ["outdated cannot be combined with reference: a search by reference looks through every state and answers one page."];
            if (referenceErrors.Count > 0) return ProblemResults.Invalid(referenceErrors);
            return TypedResults.Ok(new CustomerPage(await calls.RunAsync(() => cluster.GetGrain<ICustomerDirectoryGrain>(0).FindByReference(reference, searchSize)), null));
        }
        var errors = CustomerRequestRules.CheckListQuery(state, limit, roleHealth, outdated, out var parsedState, out var pageSize, out var filter);
        if (errors.Count > 0) return ProblemResults.Invalid(errors);
        try
        {
            var page = await calls.RunAsync(() => cluster.GetGrain<ICustomerDirectoryGrain>(0).List(parsedState, filter, pageSize, cursor));
            return TypedResults.Ok(page);
        }
        catch (InvalidCursorException exception)
        {
            return ProblemResults.InvalidCursor(exception.Message);
        }
    }

    /// <summary>limit is read as text (so "abc" is a 400 naming it, like any broken rule); its contract is a number.</summary>
    private static Task DocumentLimitAsNumber(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.Parameters?.FirstOrDefault(p => p.Name == "limit") is OpenApiParameter limit)
        {
            limit.Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Integer,
                Format = "int32",
                Minimum = "1",
                Maximum = CustomerRequestRules.MaxPageSize.ToString(CultureInfo.InvariantCulture),
                Default = CustomerRequestRules.DefaultPageSize,
            };
        }
        return Task.CompletedTask;
    }

    private static IResult ToResult(CustomerCommandResult result) => result switch
    {
        { Refusal: { } refusal } => ProblemResults.Refused(refusal),
        { View: { } view } => TypedResults.Ok(view),
        _ => throw new InvalidOperationException("A customer command returned neither a view nor a refusal."),
    };

    private static IResult UnknownAccount(string accountId) =>
        ProblemResults.NotFound($"No onboarding was ever started for account {accountId}.");

    private static async Task<IResult> StartAsync(HttpRequest http, IClusterClient cluster, IdempotentClusterCalls calls, IOptions<ApiOptions> options, IOptions<JsonOptions> json)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<StartOnboardingRequest>(http, options.Value.MaxRequestBodyBytes, json.Value.SerializerOptions);
        if (request is null) return problem!;

        var errors = CustomerRequestRules.Check(request, options.Value);
        if (errors.Count > 0) return ProblemResults.Invalid(errors);

        var command = new StartOnboardingCommand(request.Region ?? options.Value.DefaultRegion, request.Reference);
        // Safe to repeat: a repeated start resumes the onboarding in flight (the repeat answers 200, not 201).
        var result = await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(request.AccountId!).StartOnboarding(command));
        return result switch
        {
            { Refusal: { } refusal } => ProblemResults.Refused(refusal),
            { View: { } view, Created: true } => TypedResults.Created($"/customers/{view.AccountId}", view),
            { View: { } view } => TypedResults.Ok(view),
            _ => throw new InvalidOperationException("StartOnboarding returned neither a view nor a refusal."),
        };
    }

    private static async Task<IResult> GetAsync(string accountId, IClusterClient cluster, IdempotentClusterCalls calls)
    {
        if (CustomerRequestRules.CheckAccountId(accountId) is { } error) return ProblemResults.Invalid("accountId", error);
        var view = await calls.RunAsync(() => cluster.GetGrain<ICustomerGrain>(accountId).GetView());
        return view is null ? UnknownAccount(accountId) : TypedResults.Ok(view);
    }
}
