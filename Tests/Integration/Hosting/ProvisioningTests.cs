using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Silo.Provisioning;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Hosting;

[Collection(ServiceCollectionDefinition.Name)]
public sealed class ProvisioningTests(OnboardingService service)
{
    [Fact]
    public async Task Provisioning_again_changes_nothing()
    {
        var before = await SnapshotAsync();
        Assert.Contains("onboarding-grain-state", before.Tables);
        Assert.Contains(service.TemplateBucket, before.Buckets);
        Assert.Contains(before.Queues, q => q.EndsWith("/onboarding-events", StringComparison.Ordinal));
        Assert.Contains(before.Queues, q => q.EndsWith("/onboarding-events-dlq", StringComparison.Ordinal));
        Assert.Contains("onboarding-events-dlq", before.RedrivePolicy);

        var provisioner = service.Silo.Services.GetRequiredService<ResourceProvisioner>();
        await provisioner.ProvisionAsync(CancellationToken.None);
        await provisioner.ProvisionAsync(CancellationToken.None);

        var after = await SnapshotAsync();
        Assert.Equal(before.Tables, after.Tables);
        Assert.Equal(before.Buckets, after.Buckets);
        Assert.Equal(before.Queues, after.Queues);
        Assert.Equal(before.RedrivePolicy, after.RedrivePolicy);
    }

    private async Task<(List<string> Tables, List<string> Buckets, List<string> Queues, string RedrivePolicy)> SnapshotAsync()
    {
        using var dynamo = StandInClients.DynamoDb(service.Aws);
        using var s3 = StandInClients.S3(service.Aws);
        using var sqs = StandInClients.Sqs(service.Aws);
        var tables = (await dynamo.ListTablesAsync(new ListTablesRequest())).TableNames ?? [];
        var buckets = (await s3.ListBucketsAsync()).Buckets?.Select(b => b.BucketName).ToList() ?? [];
        var queues = (await sqs.ListQueuesAsync(new ListQueuesRequest())).QueueUrls ?? [];
        var events = queues.Single(q => q.EndsWith("/onboarding-events", StringComparison.Ordinal));
        var redrive = (await sqs.GetQueueAttributesAsync(events, ["RedrivePolicy"])).Attributes["RedrivePolicy"];
        return ([.. tables.Order()], [.. buckets.Order()], [.. queues.Order()], redrive);
    }
}
