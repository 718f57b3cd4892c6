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
}
