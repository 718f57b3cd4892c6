using Amazon.Runtime;

namespace Onboarding.Bench.Counting;

/// <summary>
/// Counts the calls of AWS SDK clients through the SDK's own pipeline hook (BeforeRequestEvent, raised
/// once per call), so nothing in the client's configuration or transport changes.
/// </summary>
public static class AwsSdkCallCounting
{
    public static void CountInto(this IAmazonService client, string service, AwsCallCounter counter)
    {
        if (client is not AmazonServiceClient serviceClient)
            throw new InvalidOperationException($"{client.GetType()} is not an AmazonServiceClient: its calls cannot be counted.");
        serviceClient.BeforeRequestEvent += (_, e) =>
        {
            var operation = e is WebServiceRequestEventArgs web ? OperationName(web.Request) : "Unknown";
            counter.Add(service, operation);
        };
    }

    private static string OperationName(AmazonWebServiceRequest request)
    {
        var name = request.GetType().Name;
        return name.EndsWith("Request", StringComparison.Ordinal) ? name[..^"Request".Length] : name;
    }
}
