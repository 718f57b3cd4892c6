using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Hosting;

/// <summary>
/// In production (provisioning off) the silo process checks at start-up that every configured resource is there
/// and reachable, and stops with one line per missing piece, naming its setting (Silo/Provisioning/DeployedResourceCheck).
/// </summary>
[Collection(LocalAwsCollection.Name)]
public sealed class DeployedResourceCheckTests(LocalAwsStandIns aws)
{
    private static readonly TimeSpan ExitTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_silo_whose_resources_are_missing_or_incomplete_stops_with_one_line_per_problem()
    {
        var name = "check-" + Guid.NewGuid().ToString("N")[..8];
        // Deployed by hand, badly: a state table without its index, queues without their redrive; no reminder table,
        // bucket or notifications topic.
        using (var dynamoDb = StandInClients.DynamoDb(aws))
        {
            await dynamoDb.CreateTableAsync(new CreateTableRequest
            {
                TableName = name + "-grain-state",
                BillingMode = BillingMode.PAY_PER_REQUEST,
                AttributeDefinitions = [new("GrainId", ScalarAttributeType.S), new("StateName", ScalarAttributeType.S)],
                KeySchema = [new("GrainId", KeyType.HASH), new("StateName", KeyType.RANGE)],
            });
        }
        using (var sqs = StandInClients.Sqs(aws))
        {
            await sqs.CreateQueueAsync(name + "-events");
            await sqs.CreateQueueAsync(name + "-events-dlq");
        }

        var (exitCode, lines) = await RunSiloAsync(name);

        Assert.Equal(2, exitCode);
        Assert.All(lines, line => Assert.StartsWith("configuration error: Resources:", line));
        Assert.Collection(lines.Order(StringComparer.Ordinal),
            l => Assert.Contains($"Resources:EventsQueue: the queue '{name}-events' does not redrive to Resources:EventsDeadLetterQueue", l),
            l => Assert.Contains($"Resources:GrainStateTable: the DynamoDB table '{name}-grain-state' has no index 'ByState'", l),
            l => Assert.Contains($"Resources:NotificationsTopic: there is no SNS topic '{name}-notifications' in us-east-1", l),
            l => Assert.Contains($"Resources:RemindersTable: there is no DynamoDB table '{name}-reminders' in us-east-1", l),
            l => Assert.Contains($"Resources:TemplateBucket: there is no S3 bucket '{name}-templates'", l));
    }

    /// <summary>The silo process on the shipped settings, provisioning off as shipped, pointed at the stand-ins.</summary>
    private Task<(int ExitCode, string[] ErrorLines)> RunSiloAsync(string name)
    {
        var environment = new Dictionary<string, string>
        {
            ["Cluster__SiloPort"] = FreePorts.Next().ToString(),
            ["Cluster__GatewayPort"] = FreePorts.Next().ToString(),
            ["Aws__UseStandInCredentials"] = "true",
            ["Aws__Endpoints__DynamoDb"] = aws.DynamoDbUrl.ToString(),
            ["Aws__Endpoints__Sns"] = aws.AwsUrl.ToString(),
            ["Aws__Endpoints__Sqs"] = aws.AwsUrl.ToString(),
            ["Aws__Endpoints__S3"] = aws.AwsUrl.ToString(),
            ["Aws__Endpoints__Sts"] = aws.StsUrl.ToString(),
            ["Onboarding__PartnerAccountId"] = LocalAwsAccounts.OwnerAccountId,
            ["Onboarding__PublicBaseUrl"] = "http://127.0.0.1:5080/",
            ["Resources__GrainStateTable"] = name + "-grain-state",
            ["Resources__RemindersTable"] = name + "-reminders",
            ["Resources__TemplateBucket"] = name + "-templates",
            ["Resources__EventsQueue"] = name + "-events",
            ["Resources__EventsDeadLetterQueue"] = name + "-events-dlq",
            ["Resources__NotificationsTopic"] = name + "-notifications",
        };
        return SiloProcess.RunToExitAsync(environment, ShippedSettings.SiloDirectory, ExitTimeout);
    }
}
