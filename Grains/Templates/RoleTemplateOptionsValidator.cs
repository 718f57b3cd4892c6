using System.Text.Json;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Templates;

/// <summary>Fails start-up with one message per wrong "Template" setting.</summary>
public sealed class RoleTemplateOptionsValidator : IValidateOptions<RoleTemplateOptions>
{
    public const int MaxServiceTimeoutSeconds = 3600;
    public const int MaxResourceTypeLength = 60;

    public ValidateOptionsResult Validate(string? name, RoleTemplateOptions options)
    {
        var failures = new List<string>();
        var section = RoleTemplateOptions.SectionName;
        if (options.ManagedPolicyArns.Count == 0 && string.IsNullOrWhiteSpace(options.InlinePolicyDocument))
            failures.Add($"{section}: set ManagedPolicyArns or InlinePolicyDocument: a role without permissions is useless to the partner.");
        foreach (var arn in options.ManagedPolicyArns.Where(a => !AwsIdentifierPatterns.ManagedPolicyArn().IsMatch(a)))
            failures.Add($"{section}:ManagedPolicyArns has '{arn}', which is not an IAM policy ARN.");
        if (options.InlinePolicyDocument is { Length: > 0 } inline && !IsJsonObject(inline))
            failures.Add($"{section}:InlinePolicyDocument must be a JSON object (an IAM policy document).");
        if (!options.CustomResourceType.StartsWith("Custom::", StringComparison.Ordinal) ||
            options.CustomResourceType.Length > MaxResourceTypeLength ||
            !AwsIdentifierPatterns.CustomResourceType().IsMatch(options.CustomResourceType))
            failures.Add($"{section}:CustomResourceType must look like Custom::Name (letters, digits, _@-), at most {MaxResourceTypeLength} characters (got '{options.CustomResourceType}').");
        if (options.ServiceTimeoutSeconds is < 1 or > MaxServiceTimeoutSeconds)
            failures.Add($"{section}:ServiceTimeoutSeconds must be between 1 and {MaxServiceTimeoutSeconds} (got {options.ServiceTimeoutSeconds}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsJsonObject(string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return document.RootElement.ValueKind == JsonValueKind.Object;
        }
        catch (JsonException)
        {
            return false;
        }
    }
}
