using System.Text;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Aws;

namespace Onboarding.Silo.Reminders;

/// <summary>Rejects settings DynamoDB would reject, at start-up instead of on the first reminder.</summary>
public sealed class DynamoDbReminderTableOptionsValidator : IValidateOptions<DynamoDbReminderTableOptions>
{
    private const string Owner = "DynamoDB reminder table";

    public ValidateOptionsResult Validate(string? name, DynamoDbReminderTableOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);

        var problems = new List<string>();
        if (DynamoDbTableName.FindProblem(options.TableName, Owner) is { } tableProblem)
        {
            problems.Add(tableProblem);
        }
        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            problems.Add($"{Owner}: ServiceId is required.");
        }
        else if (Encoding.UTF8.GetByteCount(options.ServiceId) > DynamoDbReminderTableSchema.MaxPartitionKeyBytes)
        {
            problems.Add($"{Owner}: ServiceId must be at most {DynamoDbReminderTableSchema.MaxPartitionKeyBytes} UTF-8 bytes (it is the partition key).");
        }
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
