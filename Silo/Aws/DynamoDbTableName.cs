using System.Text.RegularExpressions;

namespace Onboarding.Silo.Aws;

/// <summary>DynamoDB's table-name rules, shared by every options validator that names a table.</summary>
public static partial class DynamoDbTableName
{
    // DynamoDB table-name rules: 3 to 255 characters of a-z, A-Z, 0-9, '_', '-', '.'.
    public const int MinLength = 3;
    public const int MaxLength = 255;

    [GeneratedRegex("^[a-zA-Z0-9_.-]+$")]
    private static partial Regex AllowedCharacters();

    /// <summary>Why DynamoDB would reject <paramref name="tableName"/>, or null when it is valid.</summary>
    /// <param name="owner">Names what the table belongs to, to start the message with.</param>
    public static string? FindProblem(string? tableName, string owner)
    {
        if (string.IsNullOrWhiteSpace(tableName))
        {
            return $"{owner}: TableName is required.";
        }
        if (tableName.Length is < MinLength or > MaxLength)
        {
            return $"{owner}: TableName '{tableName}' must be {MinLength} to {MaxLength} characters long.";
        }
        if (!AllowedCharacters().IsMatch(tableName))
        {
            return $"{owner}: TableName '{tableName}' may contain only letters, digits, '_', '-' and '.'.";
        }
        return null;
    }
}
