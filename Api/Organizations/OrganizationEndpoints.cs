using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;
using Onboarding.Api.Auth;
using Onboarding.Api.Cluster;
using Onboarding.Api.Customers;
using Onboarding.Api.Problems;
using Onboarding.Customers;
using Onboarding.Identifiers;
using Onboarding.Organizations;

namespace Onboarding.Api.Organizations;

/// <summary>Start an organization onboarding, read it (with its members' counts per state), end it.</summary>
public static class OrganizationEndpoints
{
    public static IEndpointRouteBuilder MapOrganizationEndpoints(this IEndpointRouteBuilder routes)
    {
        var organizations = routes.MapGroup("/organizations").WithTags("Organizations").RequireAuthorization(ApiRoles.PartnerPolicy);

        organizations.MapPost("/", StartAsync)
            .WithName("StartOrganizationOnboarding")
            .WithSummary("Start (or resume) the onboarding of a whole AWS Organization: one launch link for its management account.")
            .WithDescription("201 with the organization view (launchUrl: the management template, a service-managed StackSet deploying the member role to the targets) and a Location header; 200 when it was already started.")
            .Accepts<StartOrganizationRequest>("application/json")
            .Produces<OrganizationView>(StatusCodes.Status201Created)
            .Produces<OrganizationView>(StatusCodes.Status200OK)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        organizations.MapGet("/{organizationId}", GetAsync)
            .WithName("GetOrganization")
            .WithSummary("Read an organization onboarding: its management account's onboarding and its members' counts per state.")
            .Produces<OrganizationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        organizations.MapDelete("/{organizationId}", OffBoardAsync)
            .RequireAuthorization(ApiRoles.OperatorPolicy)
            .WithName("OffBoardOrganization")
            .WithSummary("Off-board an organization: every member and the management account off-boarded, its topic statement removed.")
            .Produces<OrganizationView>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        return routes;
    }

    private static async Task<IResult> StartAsync(HttpRequest http, IClusterClient cluster, IdempotentClusterCalls calls, IOptions<ApiOptions> options, IOptions<JsonOptions> json)
    {
        var (request, problem) = await JsonRequestBody.ReadAsync<StartOrganizationRequest>(http, options.Value.MaxRequestBodyBytes, json.Value.SerializerOptions);
        if (request is null) return problem!;

        var errors = new Dictionary<string, string[]>();
        if (AccountIds.Check("managementAccountId", request.ManagementAccountId) is { } accountError) errors["managementAccountId"] = [accountError];
        if (OrganizationIds.Check("organizationId", request.OrganizationId) is { } organizationError) errors["organizationId"] = [organizationError];
        if (request.Region is { } region && RegionNames.Check("region", region) is { } regionError) errors["region"] = [regionError];
        if (request.Reference is { } reference && CustomerRequestRules.CheckReference(reference, options.Value) is { } referenceError) errors["reference"] = [referenceError];
        if (OrganizationIds.CheckTargets("deploymentTargets", request.DeploymentTargets) is { } targetsError) errors["deploymentTargets"] = [targetsError];
        if (errors.Count > 0) return ProblemResults.Invalid(errors);

        var command = new StartOrganizationCommand(request.ManagementAccountId!, request.Region ?? options.Value.DefaultRegion, request.Reference, [.. request.DeploymentTargets!.Select(t => t!)]);
        // Safe to repeat: a repeated start resumes the onboarding in flight (the repeat answers 200, not 201).
        var result = await calls.RunAsync(() => cluster.GetGrain<IOrganizationGrain>(request.OrganizationId!).Start(command));
        return result switch
        {
            { Refusal: { } refusal } => ProblemResults.Refused(refusal),
            { View: { } view, Created: true } => TypedResults.Created($"/organizations/{view.OrganizationId}", view),
            { View: { } view } => TypedResults.Ok(view),
            _ => throw new InvalidOperationException("Start returned neither a view nor a refusal."),
        };
    }

    private static async Task<IResult> GetAsync(string organizationId, IClusterClient cluster, IdempotentClusterCalls calls)
    {
        if (OrganizationIds.Check("organizationId", organizationId) is { } error) return ProblemResults.Invalid("organizationId", error);
        var view = await calls.RunAsync(() => cluster.GetGrain<IOrganizationGrain>(organizationId).GetView());
        return view is null ? ProblemResults.NotFound($"No onboarding was ever started for organization {organizationId}.") : TypedResults.Ok(view);
    }

    private static async Task<IResult> OffBoardAsync(string organizationId, IClusterClient cluster, IdempotentClusterCalls calls)
    {
        if (OrganizationIds.Check("organizationId", organizationId) is { } error) return ProblemResults.Invalid("organizationId", error);
        var result = await calls.RunAsync(() => cluster.GetGrain<IOrganizationGrain>(organizationId).OffBoard("organization off-boarded by partner"));
        return result switch
        {
            { Refusal: { } refusal } => ProblemResults.Refused(refusal),
            { View: { } view } => TypedResults.Ok(view),
            _ => throw new InvalidOperationException("OffBoard returned neither a view nor a refusal."),
        };
    }
}
