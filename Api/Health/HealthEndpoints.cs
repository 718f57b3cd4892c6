using Microsoft.Extensions.Options;
using Onboarding.Health;

namespace Onboarding.Api.Health;

/// <summary>How long readiness waits for the cluster's answer (section "Health").</summary>
public sealed class HealthOptions
{
    public const string SectionName = "Health";

    public TimeSpan ReadinessTimeout { get; set; } = TimeSpan.FromSeconds(5);
}

/// <summary>Liveness (the process answers) and readiness (the cluster and every AWS dependency answer). Open to all.</summary>
public static class HealthEndpoints
{
    public const string Orleans = "orleans";

    public sealed record ReadinessReport(string Status, IReadOnlyList<DependencyStatus> Dependencies);

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder routes)
    {
        var health = routes.MapGroup("/health").WithTags("Health");
        health.MapGet("/live", () => TypedResults.Ok(new { status = "live" }))
            .WithName("Live").WithSummary("200 while the process runs.");
        health.MapGet("/ready", ReadyAsync)
            .WithName("Ready").WithSummary("200 when the Orleans cluster, DynamoDB, SQS and S3 answer; 503 naming what does not.")
            .Produces<ReadinessReport>()
            .Produces<ReadinessReport>(StatusCodes.Status503ServiceUnavailable);
        return routes;
    }

    private static async Task<IResult> ReadyAsync(IClusterClient cluster, IOptions<HealthOptions> options, CancellationToken cancellationToken)
    {
        IReadOnlyList<DependencyStatus> dependencies;
        try
        {
            dependencies = [
                new DependencyStatus(Orleans, true, null),
                .. await cluster.GetGrain<IReadinessGrain>(0).Probe().WaitAsync(options.Value.ReadinessTimeout, cancellationToken),
            ];
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            dependencies = [new DependencyStatus(Orleans, false, exception is TimeoutException ? "the cluster did not answer in time" : exception.Message)];
        }

        var ready = dependencies.All(d => d.Healthy);
        var report = new ReadinessReport(ready ? "ready" : "unavailable", dependencies);
        return TypedResults.Json(report, statusCode: ready ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
    }
}
