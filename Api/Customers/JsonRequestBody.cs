using System.Text.Json;
using Onboarding.Api.Problems;

namespace Onboarding.Api.Customers;

/// <summary>
/// Reads a partner's JSON request: only application/json (a form another site posts is never taken for a request),
/// within the body limit, into <typeparamref name="T"/>; otherwise the problem to answer (415, or 400 naming "body").
/// </summary>
public static class JsonRequestBody
{
    public static async Task<(T? Request, IResult? Problem)> ReadAsync<T>(HttpRequest http, int maxBytes, JsonSerializerOptions json) where T : class
    {
        if (!http.HasJsonContentType())
            return (null, ProblemResults.UnsupportedMediaType("The body must be JSON, sent with Content-Type: application/json."));
        var body = await BoundedBody.ReadAsync(http, maxBytes);
        if (body.Error is { } tooLarge) return (null, ProblemResults.Invalid("body", tooLarge));
        try
        {
            return JsonSerializer.Deserialize<T>(body.Bytes, json) is { } request
                ? (request, null)
                : (null, ProblemResults.Invalid("body", "The body must be a JSON object."));
        }
        catch (JsonException exception)
        {
            return (null, ProblemResults.Invalid("body", $"The body is not valid JSON for this request: {exception.Message}"));
        }
    }
}
