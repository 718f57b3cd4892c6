using Onboarding.Api.Auth;
using Onboarding.Api.Cluster;
using Onboarding.Queries;

namespace Onboarding.Api.Operations;

/// <summary>The operators' funnel: customers per state and stalled onboardings.</summary>
public static class StatsEndpoints
{
    public static IEndpointRouteBuilder MapStatsEndpoints(this IEndpointRouteBuilder routes)
    {
        routes.MapGet("/stats", async (IClusterClient cluster, IdempotentClusterCalls calls) => TypedResults.Ok(await calls.RunAsync(() => cluster.GetGrain<ICustomerDirectoryGrain>(0).Stats())))
            .RequireAuthorization(ApiRoles.OperatorPolicy)
            .WithTags("Operations")
            .WithName("GetStats")
            .WithSummary("Customers per state, and onboardings re-prompted at least once and still waiting.")
            .Produces<CustomerStats>();
        return routes;
    }
}
