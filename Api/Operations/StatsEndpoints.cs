using Onboarding.Api.Auth;
using Onboarding.Api.Cluster;
using Onboarding.Queries;

namespace Onboarding.Api.Operations;

/// <summary>The operators' funnel: customers per state, stalled onboardings and degraded roles, from the maintained counters; and their repair.</summary>
public static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/stats", async (IClusterClient cluster, IdempotentClusterCalls calls) => TypedResults.Ok(await calls.RunAsync(() => cluster.GetGrain<ICustomerDirectoryGrain>(0).Stats())))
            .RequireAuthorization(ApiRoles.OperatorPolicy)
            .WithTags("Operations")
            .WithName("GetStats")
            .WithSummary("Customers per state, onboardings re-prompted at least once and still waiting, Active customers whose role failed its last check, and Active customers whose stack runs an older template (outdated) (maintained counters: no scan).")
            .Produces<CustomerStats>();
        // Safe to repeat: a repeat counts again and sets the same totals.
        routes.MapPost("/stats/recount", async (IClusterClient cluster, IdempotentClusterCalls calls) => TypedResults.Ok(await calls.RunAsync(() => cluster.GetGrain<ICustomerDirectoryGrain>(0).RepairStats())))
            .RequireAuthorization(ApiRoles.OperatorPolicy)
            .WithTags("Operations")
            .WithName("RecountStats")
            .WithSummary("Repairs the maintained counters: recounts every customer from the state index (reads every entry) and replaces them; answers the counters before and after.")
            .Produces<StatsRepair>();
        return routes;
    }
}
