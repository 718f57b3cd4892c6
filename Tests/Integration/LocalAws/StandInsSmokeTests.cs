using Amazon.DynamoDBv2.Model;
using Amazon.SQS.Model;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.LocalAws;

[Collection(LocalAwsCollection.Name)]
public sealed class StandInsSmokeTests(LocalAwsStandIns aws)
{
    [Fact]
    public async Task Both_stand_ins_answer_on_loopback()
    {
        using var dynamo = StandInClients.DynamoDb(aws);
        var tables = await dynamo.ListTablesAsync(new ListTablesRequest());
        Assert.NotNull(tables);

        using var sqs = StandInClients.Sqs(aws);
        var queue = await sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = "smoke-" + Guid.NewGuid().ToString("N") });
        Assert.Contains("smoke-", queue.QueueUrl);
    }
}
