using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Templates;

/// <summary>CloudFormation stack names: letters, digits and '-', starting with a letter, at most 128.</summary>
public static class StackName
{
    public static bool IsValid(string? name) => name is not null && AwsIdentifierPatterns.StackName().IsMatch(name);

    /// <summary>The stack name suggested to a customer: <c>&lt;prefix&gt;-&lt;account id&gt;</c>.</summary>
    public static string ForCustomer(string prefix, string accountId)
    {
        if (!AccountIds.IsValid(accountId))
        {
            throw new ArgumentException("The account id must be 12 digits.", nameof(accountId));
        }

        var name = $"{prefix}-{accountId}";
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid stack name (letters, digits, '-', starting with a letter, at most {CloudFormationLimits.MaxStackNameLength}).",
                nameof(prefix));
        }

        return name;
    }

    internal static void RequireValid(string name, string parameterName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid stack name (letters, digits, '-', starting with a letter, at most {CloudFormationLimits.MaxStackNameLength}).",
                parameterName);
        }
    }
}
