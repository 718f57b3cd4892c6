using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.Silo.Storage;

namespace Onboarding.Bench.Reporting;

/// <summary>
/// The mean size of the customer items the service and the floor left in DynamoDB (Active customers,
/// from a sample): the floor's payload is meant to be about as large as the real state, and this checks it.
/// </summary>
public static class ItemSizes
{
    private const int Sample = 200;

    public static async Task<double> MeanPayloadBytesAsync(Processes.StandIns aws, string table)
    {
        using var dynamoDb = new AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("local", "local"),
            new AmazonDynamoDBConfig { ServiceURL = aws.DynamoDbUrl.ToString(), AuthenticationRegion = "us-east-1" });
        try
        {
            var response = await dynamoDb.ScanAsync(new ScanRequest { TableName = table, Limit = Sample });
            var payloads = (response.Items ?? [])
                .Where(i => i.TryGetValue(DynamoDbGrainStorageTable.StateNameAttribute, out var name) && name.S == "customer")
                .Select(i => i.GetValueOrDefault(DynamoDbGrainStorageTable.PayloadAttribute)?.S?.Length ?? 0)
                .Where(n => n > 0)
                .ToList();
            return payloads.Count == 0 ? double.NaN : payloads.Average();
        }
        catch (ResourceNotFoundException)
        {
            return double.NaN;
        }
    }
}
