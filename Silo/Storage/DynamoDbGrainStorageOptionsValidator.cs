using Microsoft.Extensions.Options;
using Onboarding.Silo.Aws;

namespace Onboarding.Silo.Storage;

/// <summary>Rejects table names DynamoDB would reject, at start-up instead of on the first grain activation.</summary>
public sealed class DynamoDbGrainStorageOptionsValidator : IValidateOptions<DynamoDbGrainStorageOptions>
{
    public const int MinTableNameLength = DynamoDbTableName.MinLength;
    public const int MaxTableNameLength = DynamoDbTableName.MaxLength;

    public ValidateOptionsResult Validate(string? name, DynamoDbGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var storage = string.IsNullOrEmpty(name) ? "DynamoDB grain storage" : $"DynamoDB grain storage '{name}'";

        return DynamoDbTableName.FindProblem(options.TableName, storage) is { } problem
            ? ValidateOptionsResult.Fail(problem)
            : ValidateOptionsResult.Success;
    }
}
