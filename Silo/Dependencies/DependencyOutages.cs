using System.Net;
using System.Net.Sockets;
using Amazon.DynamoDBv2;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;
using Onboarding.Dependencies;
using Onboarding.Silo.Aws;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Silo.Dependencies;

/// <summary>
/// Tells an outage of a dependency — unreachable, not answering in time, throttling, failing on its side —
/// from everything else (a refusal, a conflict, a bug of ours), which must stay as it is.
/// </summary>
public static class DependencyOutages
{
    private const int MaxDepth = 16;

    /// <summary>The dependency <paramref name="exception"/> shows to be unavailable, or null when it is not an outage.</summary>
    public static string? UnavailableDependency(Exception exception)
    {
        var chain = Chain(exception).ToList();
        // A dependency's call cancelled by its caller (a grain call's time budget ran out) did not answer in
        // the time it had: unavailable. Any other cancellation says nothing about a dependency.
        if (exception is OperationCanceledException)
            return DependencyFailureTag.Of(exception);
        foreach (var failure in chain)
        {
            switch (failure)
            {
                case DependencyUnavailableException contract:
                    return contract.Dependency;
                case AmazonServiceException aws when IsOutage(aws):
                    return DependencyFailureTag.Of(aws) ?? ServiceOf(aws);
                case SnsException sns when SnsErrorCodes.IsTransient(sns):
                    return DependencyNames.Sns;
            }
        }
        // A network error or a timeout is an outage only when it came out of a dependency's client: the
        // same types raised anywhere else (our own I/O, a test's fault) are not.
        var dependency = chain.Select(DependencyFailureTag.Of).FirstOrDefault(d => d is not null);
        return dependency is not null && chain.Any(IsTransportFailure) ? dependency : null;
    }

    /// <summary>What failed, by type and AWS error code only: exception messages can hold account ids and ARNs.</summary>
    public static string Describe(Exception exception) => string.Join(" ← ", Chain(exception).Select(failure => failure switch
    {
        AmazonServiceException aws => $"{failure.GetType().Name} ({aws.ErrorCode}, HTTP {(int)aws.StatusCode})",
        SnsException sns => $"{failure.GetType().Name} ({sns.Code}, HTTP {(int)sns.StatusCode})",
        HttpRequestException http => $"{failure.GetType().Name} ({http.HttpRequestError})",
        SocketException socket => $"{failure.GetType().Name} ({socket.SocketErrorCode})",
        _ => failure.GetType().Name,
    }));

    private static bool IsOutage(AmazonServiceException aws) =>
        (int)aws.StatusCode >= 500
        || aws.StatusCode == HttpStatusCode.TooManyRequests
        || aws.Retryable?.Throttling == true
        || AwsThrottlingCodes.Contains(aws.ErrorCode);

    private static bool IsTransportFailure(Exception failure) =>
        failure is HttpRequestException or SocketException or IOException or TimeoutException;

    private static string ServiceOf(AmazonServiceException aws) => aws switch
    {
        AmazonDynamoDBException => DependencyNames.DynamoDb,
        AmazonS3Exception => DependencyNames.S3,
        AmazonSQSException => DependencyNames.Sqs,
        AmazonSecurityTokenServiceException => DependencyNames.Sts,
        _ => "aws",
    };

    /// <summary>The exception and its causes, outermost first (every branch of an AggregateException).</summary>
    private static IEnumerable<Exception> Chain(Exception exception)
    {
        var pending = new Queue<(Exception Failure, int Depth)>([(exception, 0)]);
        while (pending.TryDequeue(out var next))
        {
            yield return next.Failure;
            if (next.Depth >= MaxDepth) continue;
            if (next.Failure is AggregateException aggregate)
                foreach (var inner in aggregate.InnerExceptions) pending.Enqueue((inner, next.Depth + 1));
            else if (next.Failure.InnerException is { } cause)
                pending.Enqueue((cause, next.Depth + 1));
        }
    }
}
