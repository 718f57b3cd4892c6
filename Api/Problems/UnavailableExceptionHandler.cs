using Microsoft.AspNetCore.Diagnostics;
using Microsoft.Extensions.Options;
using Onboarding.Api.Cluster;
using Onboarding.Api.Customers;
using Onboarding.Dependencies;

namespace Onboarding.Api.Problems;

/// <summary>
/// Answers 503 dependency-unavailable with Retry-After when a grain call failed because an AWS service
/// (the silo's contract exception) or the Orleans cluster itself (unreachable, timed out, silo gone) is
/// unavailable. The detail names the dependency, never the exception's text. Anything else stays a 500.
/// </summary>
public sealed partial class UnavailableExceptionHandler(IOptions<ApiOptions> options, ILogger<UnavailableExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancellationToken)
    {
        var (dependency, retryAfter) = exception switch
        {
            DependencyUnavailableException unavailable => (unavailable.Dependency, unavailable.RetryAfter),
            _ when ClusterFailures.IsUnavailable(exception) => (DependencyNames.Cluster, options.Value.ClusterRetryAfter),
            _ => (null, TimeSpan.Zero),
        };
        if (dependency is null) return false;

        LogUnavailable(dependency, context.Request.Method, context.Request.Path, exception.GetType().Name);
        await ProblemResults.Unavailable(dependency, retryAfter).ExecuteAsync(context);
        return true;
    }

    [LoggerMessage(LogLevel.Warning, "{Dependency} is unavailable: {Method} {Path} answered 503 ({Failure})")]
    private partial void LogUnavailable(string dependency, string method, string path, string failure);
}
