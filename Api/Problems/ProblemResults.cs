using Onboarding.Customers;

namespace Onboarding.Api.Problems;

/// <summary>The problem+json answers of the API (RFC 9457), built in one place so every error looks alike.</summary>
public static class ProblemResults
{
    /// <summary>400 naming each wrong field and the rule it broke.</summary>
    public static IResult Invalid(IDictionary<string, string[]> errors) => Results.ValidationProblem(
        errors,
        title: "The request is not valid.",
        detail: string.Join(" ", errors.SelectMany(e => e.Value)),
        type: ProblemTypes.InvalidRequest);

    public static IResult Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static IResult UnsupportedMediaType(string detail) => Results.Problem(
        detail: detail, statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type.", type: ProblemTypes.UnsupportedMediaType);

    public static IResult NotFound(string detail) => Results.Problem(
        detail: detail, statusCode: StatusCodes.Status404NotFound, title: "Not found.", type: ProblemTypes.NotFound);

    public static IResult InvalidCursor(string detail) => Results.Problem(
        detail: detail, statusCode: StatusCodes.Status400BadRequest, title: "The cursor is not valid.", type: ProblemTypes.InvalidCursor);

    /// <summary>
    /// 503 with Retry-After (whole seconds): a dependency (an AWS service, or the cluster) is unavailable.
    /// Names the dependency, so a client can tell an outage from a fault of its request, and nothing else.
    /// </summary>
    public static IResult Unavailable(string dependency, TimeSpan retryAfter)
    {
        var seconds = Math.Max(1, (long)Math.Ceiling(retryAfter.TotalSeconds));
        return new WithRetryAfter(seconds, Results.Problem(
            detail: $"The {dependency} dependency is unavailable. Retry the same request after {seconds} s; repeating it is safe.",
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "A dependency is unavailable.",
            type: ProblemTypes.DependencyUnavailable,
            extensions: new Dictionary<string, object?> { ["dependency"] = dependency }));
    }

    /// <summary>A refused command: 400 for a region the partner does not offer, else 409 with the current state.</summary>
    public static IResult Refused(CommandRefusal refusal) => refusal.Kind switch
    {
        RefusalKind.RegionNotAllowed => Invalid("region", refusal.Message),
        RefusalKind.NotFound => NotFound(refusal.Message),
        _ => Results.Problem(
            detail: refusal.Message,
            statusCode: StatusCodes.Status409Conflict,
            title: "The command conflicts with the customer's state.",
            type: refusal.Kind switch
            {
                RefusalKind.RegionMismatch => ProblemTypes.RegionMismatch,
                RefusalKind.ReferenceConflict => ProblemTypes.ReferenceConflict,
                _ => ProblemTypes.InvalidTransition,
            },
            extensions: new Dictionary<string, object?> { ["currentState"] = refusal.CurrentState.ToString() }),
    };

    private sealed class WithRetryAfter(long seconds, IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
