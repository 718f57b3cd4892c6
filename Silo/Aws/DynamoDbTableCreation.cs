using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Onboarding.Silo.Aws;

/// <summary>Idempotent table creation shared by the tables the silo owns.</summary>
public static class DynamoDbTableCreation
{
    private static readonly TimeSpan ActivePollInterval = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// Creates the table described by <paramref name="request"/> unless one of that name exists, then waits until it
    /// and its indexes are ACTIVE. Safe to call repeatedly and concurrently. An existing table is not altered.
    /// </summary>
    public static async Task EnsureCreatedAsync(IAmazonDynamoDB client, CreateTableRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        ArgumentException.ThrowIfNullOrWhiteSpace(request.TableName);
        var tableName = request.TableName;

        if (await DescribeAsync(client, tableName, cancellationToken) is null)
        {
            try
            {
                await client.CreateTableAsync(request, cancellationToken);
            }
            catch (ResourceInUseException)
            {
                // Another caller created it between our describe and create: fine, wait for it below.
            }
        }

        while (true)
        {
            var table = await DescribeAsync(client, tableName, cancellationToken)
                ?? throw new InvalidOperationException($"DynamoDB table '{tableName}' disappeared while waiting for it to become active.");
            if (IsActive(table)) return;
            await Task.Delay(ActivePollInterval, cancellationToken);
        }
    }

    private static async Task<TableDescription?> DescribeAsync(IAmazonDynamoDB client, string tableName, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.DescribeTableAsync(new DescribeTableRequest { TableName = tableName }, cancellationToken);
            return response.Table;
        }
        catch (ResourceNotFoundException)
        {
            return null;
        }
    }

    // SDK v4 leaves unset collections null, hence the null-tolerant index check.
    private static bool IsActive(TableDescription table) =>
        table.TableStatus == TableStatus.ACTIVE
        && (table.GlobalSecondaryIndexes ?? []).All(index => index.IndexStatus == IndexStatus.ACTIVE);
}
