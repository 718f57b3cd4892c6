using Microsoft.Extensions.Options;
using Onboarding.Api.Auth;
using Onboarding.Dependencies;
using Onboarding.Health;

namespace Onboarding.Api.Health;

/// <summary>
/// Liveness (the process answers), public readiness (each dependency healthy or not, nothing more) and the
/// operators' details (errors, when probed). Readiness answers from the silo's latest probe, reused for
/// Readiness:CacheFor, so no caller makes the service call AWS.
/// </summary>
public static class HealthEndpoints
{
    public sealed record DependencyHealth(string Name, bool Healthy);

    public sealed record ReadinessReport(string Status, IReadOnlyList<DependencyHealth> Dependencies);

    public sealed record ReadinessDetails(string Status, DateTimeOffset? ProbedAt, IReadOnlyList<DependencyStatus> Dependencies);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var health = routes.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", () => TypedResults.Ok(new { status = "live" }))
            .WithName("Live").WithSummary("200 while the process runs (what a load balancer should probe).");
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready")
            .WithSummary("200 when the Orleans cluster, DynamoDB, SQS and S3 answer; 503 naming what does not (for deploy gating).")
            .WithDescription("Answered from the latest probe (at most Readiness:CacheFor old). Names and health only; operators read the errors on /health/details.")
            .Produces<ReadinessReport>()
            .Produces<ReadinessReport>(StatusCodes.Status503ServiceUnavailable);
        health.MapGet("/details", DetailsAsync)
            .RequireAuthorization(ApiRoles.OperatorPolicy)
            .WithName("ReadinessDetails")
            .WithSummary("The latest readiness probe with each failing dependency's error and when it ran (operators).")
            .Produces<ReadinessDetails>()
            .Produces<ReadinessDetails>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> ReadyAsync(IClusterClient cluster, IOptions<HealthOptions> options, CancellationToken cancellationToken)
    {
        var (dependencies, _) = await LatestAsync(cluster, options.Value, cancellationToken);
        var ready = dependencies.All(d => d.Healthy);
        var report = new ReadinessReport(StatusOf(ready), [.. dependencies.Select(d => new DependencyHealth(d.Name, d.Healthy))]);
        return TypedResults.Json(report, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<IResult> DetailsAsync(IClusterClient cluster, IOptions<HealthOptions> options, CancellationToken cancellationToken)
    {
        var (dependencies, probedAt) = await LatestAsync(cluster, options.Value, cancellationToken);
        var ready = dependencies.All(d => d.Healthy);
        return TypedResults.Json(new ReadinessDetails(StatusOf(ready), probedAt, dependencies),
            statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }

    private static string StatusOf(bool ready) => ready ? "ready" : "unavailable";

    /// <summary>The cluster's own status and the silo's latest probe; the cluster is unhealthy when it does not answer.</summary>
    private static async Task<(IReadOnlyList<DependencyStatus> Dependencies, DateTimeOffset? ProbedAt)> LatestAsync(
        IClusterClient cluster, HealthOptions options, CancellationToken cancellationToken)
    {
        try
        {
            var latest = await cluster.GetGrain<IReadinessGrain>(0).Latest().WaitAsync(options.ReadinessTimeout, cancellationToken);
            return ([new DependencyStatus(DependencyNames.Cluster, true, null), .. latest.Dependencies], latest.ProbedAt);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var error = exception is TimeoutException ? "the cluster did not answer in time" : $"{exception.GetType().Name}: {exception.Message}";
            return ([new DependencyStatus(DependencyNames.Cluster, false, error)], null);
        }
    }
}
