using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Hosting;

/// <summary>Anonymous readiness callers cannot make the service call AWS: they get the silo's latest probe.</summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed class ReadinessCacheTests(OnboardingService service)
{
    [Fact]
    public async Task Many_readiness_calls_within_the_cache_window_cause_one_probe_and_a_later_call_a_new_one()
    {
        // Counted at the SDK: the DynamoDB probe is the silo's only DescribeTable call once it runs.
        var probes = 0;
        var dynamoDb = (AmazonServiceClient)service.Silo.Services.GetRequiredService<IAmazonDynamoDB>();
        void Count(object? sender, RequestEventArgs e)
        {
            if (e is WebServiceRequestEventArgs { Request: DescribeTableRequest }) Interlocked.Increment(ref probes);
        }
        dynamoDb.BeforeRequestEvent += Count;
        try
        {
            using var anonymous = service.ClientWithKey(null);
            var burst = System.Diagnostics.Stopwatch.StartNew();
            var answers = await Task.WhenAll(Enumerable.Range(0, 30).Select(_ => anonymous.GetAsync("/health/ready")));
            burst.Stop();

            Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
            // One probe per Readiness:CacheFor (5 s shipped) at most, however many callers: one, unless the
            // burst itself outlasted a window on a loaded machine.
            var afterBurst = Volatile.Read(ref probes);
            Assert.InRange(afterBurst, 0, 1 + (int)(burst.Elapsed / CacheFor));
            await Eventually.TrueAsync(async () => (await anonymous.GetAsync("/health/ready")).IsSuccessStatusCode && Volatile.Read(ref probes) > afterBurst,
                "a readiness call after the cache window to probe again");
        }
        finally
        {
            dynamoDb.BeforeRequestEvent -= Count;
        }
    }

    private static readonly TimeSpan CacheFor = new Onboarding.Grains.Health.ReadinessOptions().CacheFor;
}
