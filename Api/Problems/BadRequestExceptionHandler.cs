using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Diagnostics;

namespace Onboarding.Api.Problems;

/// <summary>
/// A request ASP.NET Core could not read or bind (a parameter of the wrong type, a malformed body) is the
/// client's fault in every environment: 400 invalid-request naming the parameter, never a 500. The API's
/// own rules catch what they know first; this is the net under whatever binding a later endpoint adds.
/// </summary>
public sealed partial class BadRequestExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad) return false;
        if (bad.StatusCode != StatusCodes.Status400BadRequest)
        {
            // Too large, too slow and the like: the status ASP.NET Core chose, as problem+json.
            await Results.Problem(statusCode: bad.StatusCode, title: "The request could not be read.").ExecuteAsync(context);
            return true;
        }
        // Binding messages read 'Failed to bind parameter "int? limit" from "abc".': name the parameter, echo nothing.
        var field = BoundParameter().Match(bad.Message) is { Success: true } match ? match.Groups["name"].Value : "request";
        await ProblemResults.Invalid(field, $"{field} could not be read from the request.").ExecuteAsync(context);
        return true;
    }

    [GeneratedRegex("parameter \"(?:[^\"]*\\s)?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"", RegexOptions.CultureInvariant)]
    private static partial Regex BoundParameter();
}
