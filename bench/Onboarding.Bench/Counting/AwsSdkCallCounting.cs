using System.Collections.Concurrent;
using System.Diagnostics;
using Amazon.Runtime;

namespace Onboarding.Bench.Counting;

/// <summary>
/// Counts and times the calls of AWS SDK clients through the SDK's own pipeline hooks (BeforeRequestEvent
/// and AfterResponseEvent, raised once per call), so nothing in the client's configuration or transport changes.
/// </summary>
public static class AwsSdkCallCounting
{
    public static void CountInto(this IAmazonService client, string service, AwsCallCounter counter)
    {
        if (client is not AmazonServiceClient serviceClient)
            throw new InvalidOperationException($"{client.GetType()} is not an AmazonServiceClient: its calls cannot be counted.");
        var started = new ConcurrentDictionary<AmazonWebServiceRequest, long>(ReferenceEqualityComparer.Instance);
        serviceClient.BeforeRequestEvent += (_, e) =>
        {
            if (e is not WebServiceRequestEventArgs web) { counter.Add(service, "Unknown"); return; }
            counter.Add(service, OperationName(web.Request));
            started[web.Request] = Stopwatch.GetTimestamp();
        };
        serviceClient.AfterResponseEvent += (_, e) =>
        {
            if (e is WebServiceResponseEventArgs web && started.TryRemove(web.Request, out var at))
                counter.AddWait(service, OperationName(web.Request), at);
        };
    }

    private static string OperationName(AmazonWebServiceRequest request)
    {
        var name = request.GetType().Name;
        return name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name;
    }
}
