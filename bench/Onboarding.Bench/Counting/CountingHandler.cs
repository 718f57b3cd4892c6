namespace Onboarding.Bench.Counting;

/// <summary>Counts plain HTTP calls that are AWS calls all the same (the answer PUT to a presigned S3 URL).</summary>
public sealed class CountingHandler(AwsCallCounter counter, string service, string operation) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        counter.Add(service, operation);
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try { return await base.SendAsync(request, cancellationToken); }
        finally { counter.AddWait(service, operation, started); }
    }
}
