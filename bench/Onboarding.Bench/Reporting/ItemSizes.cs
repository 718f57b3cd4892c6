using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Onboarding.Silo.Storage;

namespace Onboarding.Bench.Reporting;

/// <summary>
/// The mean size of the customer payloads the service and the floor left in DynamoDB as stored (compressed
/// bytes, or characters of plain JSON), from a sample of Active customers: the floor's is meant to be about as
/// large as the real state's, and this checks it.
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
                .Select(i => i.GetValueOrDefault(DynamoDbGrainStorageTable.PayloadAttribute) is { } payload ? payload.S?.Length ?? (int)(payload.B?.Length ?? 0) : 0)
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
