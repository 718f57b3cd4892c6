using Microsoft.AspNetCore.Diagnostics;
using Onboarding.Api.Hosting;

namespace Onboarding.Api.Problems;

/// <summary>
/// The Orleans Dashboard reads silo addresses and grain names from its paths and query and throws on
/// malformed ones (FormatException, ArgumentException): there, and only there, those are the caller's
/// fault — 400 invalid-request. The same exceptions from the API's own code stay 500s (bugs).
/// </summary>
public sealed class DashboardInputExceptionHandler : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        if (!context.Request.Path.StartsWithSegments(OnboardingApiBuilderExtensions.DashboardPath) || !IsMalformedInput(exception))
            return false;
        await ProblemResults.Invalid("path", "The dashboard request names no silo or grain it can read.").ExecuteAsync(context);
        return true;
    }

    private static bool IsMalformedInput(Exception exception) =>
        exception is FormatException or ArgumentException || exception.InnerException is FormatException or ArgumentException;
}
