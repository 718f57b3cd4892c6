using System.Text.Json;
using System.Text.Json.Nodes;
using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Templates;

/// <summary>
/// Everything that varies between two customers' onboarding templates. Defaults (such as the
/// managed policies to attach) come from configuration, not from here.
/// </summary>
public sealed record RoleTemplateSpec
{
    public required string CustomerAccountId { get; init; }
    public required string ExternalId { get; init; }
    public required string OnboardingToken { get; init; }

    /// <summary>The partner principal allowed to assume the role: an account root or a role ARN.</summary>
    public required string TrustedPrincipalArn { get; init; }

    /// <summary>The SNS topic CloudFormation notifies; it must be in the stack's region.</summary>
    public required string ServiceTokenTopicArn { get; init; }

    public IReadOnlyList<string> ManagedPolicyArns { get; init; } = [];

    /// <summary>Optional IAM policy document (JSON text) attached inline to the role.</summary>
    public string? InlinePolicyDocument { get; init; }

    public int ServiceTimeoutSeconds { get; init; } = CloudFormationLimits.MaxServiceTimeoutSeconds;

    public required string CustomResourceType { get; init; }

    public required string Description { get; init; }

    /// <summary>
    /// Set for an organization's member template (one template for every member account, deployed by a StackSet): the
    /// custom resource names the organization, and <see cref="OnboardingToken"/> is the organization onboarding's.
    /// </summary>
    public string? OrganizationId { get; init; }

    /// <summary>What the template grants: its version is a hash of it.</summary>
    public RoleTemplateGrants Grants => new(ManagedPolicyArns, InlinePolicyDocument, TrustedPrincipalArn, CustomResourceType, ServiceTimeoutSeconds);

    /// <summary>Checks every field; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public void Validate()
    {
        Require(AccountIds.IsValid(CustomerAccountId), nameof(CustomerAccountId), "must be 12 digits");
        Require(AwsIdentifierPatterns.ExternalId().IsMatch(ExternalId ?? ""), nameof(ExternalId), @"must be 2-1224 characters from [\w+=,.@:/-]");
        Require(!string.IsNullOrWhiteSpace(OnboardingToken), nameof(OnboardingToken), "must not be empty");
        Require(AwsIdentifierPatterns.TrustedPrincipalArn().IsMatch(TrustedPrincipalArn ?? ""), nameof(TrustedPrincipalArn),
            "must be arn:aws:iam::<12 digits>:root or an IAM role ARN");
        Require(AwsIdentifierPatterns.SnsTopicArn().IsMatch(ServiceTokenTopicArn ?? ""), nameof(ServiceTokenTopicArn),
            "must be arn:aws(-cn|-us-gov)?:sns:<region>:<12 digits>:<name>");
        Require(ManagedPolicyArns is not null, nameof(ManagedPolicyArns), "must not be null");
        foreach (var arn in ManagedPolicyArns!)
        {
            Require(AwsIdentifierPatterns.ManagedPolicyArn().IsMatch(arn ?? ""), nameof(ManagedPolicyArns), $"'{arn}' is not an IAM managed policy ARN");
        }
        Require(ManagedPolicyArns.Distinct(StringComparer.Ordinal).Count() == ManagedPolicyArns.Count, nameof(ManagedPolicyArns), "must not repeat an ARN");
        Require(ServiceTimeoutSeconds is >= CloudFormationLimits.MinServiceTimeoutSeconds and <= CloudFormationLimits.MaxServiceTimeoutSeconds,
            nameof(ServiceTimeoutSeconds), $"must be {CloudFormationLimits.MinServiceTimeoutSeconds}-{CloudFormationLimits.MaxServiceTimeoutSeconds}");
        Require(CustomResourceType is { Length: <= CloudFormationLimits.MaxCustomResourceTypeLength }
                && AwsIdentifierPatterns.CustomResourceType().IsMatch(CustomResourceType),
            nameof(CustomResourceType), $"must start with 'Custom::' and be at most {CloudFormationLimits.MaxCustomResourceTypeLength} characters");
        Require(Description is { Length: <= CloudFormationLimits.MaxRoleDescriptionLength }
                && AwsIdentifierPatterns.RoleDescription().IsMatch(Description),
            nameof(Description), $"must be at most {CloudFormationLimits.MaxRoleDescriptionLength} characters IAM accepts");
        Require(OrganizationId is null || OrganizationIds.IsValid(OrganizationId), nameof(OrganizationId), "must be an organization id (o- and 10-32 lowercase letters or digits)");
        _ = ParseInlinePolicy();
    }

    /// <summary>The inline policy as a JSON object, or null when there is none.</summary>
    internal JsonObject? ParseInlinePolicy()
    {
        if (InlinePolicyDocument is null)
        {
            return null;
        }

        JsonNode? node;
        try
        {
            node = JsonNode.Parse(InlinePolicyDocument);
        }
        catch (JsonException e)
        {
            throw new ArgumentException($"{nameof(InlinePolicyDocument)} is not valid JSON: {e.Message}", nameof(InlinePolicyDocument), e);
        }

        Require(node is JsonObject, nameof(InlinePolicyDocument), "must be a JSON object");
        var document = (JsonObject)node!;
        Require(document["Statement"] is JsonArray { Count: > 0 } or JsonObject, nameof(InlinePolicyDocument),
            "must have a non-empty Statement");
        Require(document["Version"] is null || document["Version"] is JsonValue version
                && version.TryGetValue(out string? text) && IamPolicyVersions.IsKnown(text),
            nameof(InlinePolicyDocument), $"Version must be {IamPolicyVersions.Current} or {IamPolicyVersions.Legacy}");
        return document;
    }

    private static void Require(bool condition, string field, string rule)
    {
        if (!condition)
        {
            throw new ArgumentException($"{field} {rule}.", field);
        }
    }
}
