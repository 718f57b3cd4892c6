using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Storage;

/// <summary>Rejects table names DynamoDB would reject, at start-up instead of on the first grain activation.</summary>
public sealed partial class DynamoDbGrainStorageOptionsValidator : IValidateOptions<DynamoDbGrainStorageOptions>
{
    // DynamoDB table-name rules: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.'.
    public const int MinTableNameLength = 3;
    public const int MaxTableNameLength = 255;

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$")]
    private static partial Regex TableNameCharacters();

    public ValidateOptionsResult Validate(string? name, DynamoDbGrainStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var tableName = options.TableName;
        var storage = string.IsNullOrEmpty(name) ? "DynamoDB grain storage" : $"DynamoDB grain storage '{name}'";

        if (string.IsNullOrWhiteSpace(tableName))
        {
            return ValidateOptionsResult.Fail($"{storage}: TableName is required.");
        }
        if (tableName.Length is < MinTableNameLength or > MaxTableNameLength)
        {
            return ValidateOptionsResult.Fail(
                $"{storage}: TableName '{tableName}' must be {MinTableNameLength} to {MaxTableNameLength} characters long.");
        }
        if (!TableNameCharacters().IsMatch(tableName))
        {
            return ValidateOptionsResult.Fail(
                $"{storage}: TableName '{tableName}' may contain only letters, digits, '_', '-' and '.'.");
        }
        return ValidateOptionsResult.Success;
    }
}
