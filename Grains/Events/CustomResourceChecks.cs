using System.Security.Cryptography;
using System.Text;
using Onboarding.Events;
using Onboarding.Grains.Identifiers;
using Onboarding.Grains.Templates;

namespace Onboarding.Grains.Events;

/// <summary>
/// Decides whether a parsed request really is the one this onboarding's template sends. Anyone allowed
/// to publish to the topic can forge a request, so every field that binds it to the customer is checked.
/// Pure: no I/O, no clock.
/// </summary>
public static class CustomResourceChecks
{
    public const string Create = "Create";
    public const string Update = "Update";
    public const string Delete = "Delete";

    public const string MismatchReason = "request does not match this onboarding";
    public const string RequestTypeReason = "unsupported request type";
    public const string ResourceTypeReason = "unsupported resource type";
    public const string StackIdReason = "malformed StackId";
    public const string RoleArnFormatReason = "RoleArn is not an IAM role ARN";
    public const string RoleAccountReason = "RoleArn is not a role in the stack's account";

    /// <summary>Claimed values are cut to this length in log details: the request may carry anything.</summary>
    public const int MaxLoggedValueLength = 256;

    /// <summary>Hex characters of a secret's SHA-256 put in logs: enough to compare, useless to guess.</summary>
    private const int SecretFingerprintHexLength = 12;

    private static readonly IReadOnlyDictionary<FailedChecks, string> PublicReasons = new Dictionary<FailedChecks, string>
    {
        [FailedChecks.RequestType] = RequestTypeReason,
        [FailedChecks.ResourceType] = ResourceTypeReason,
        [FailedChecks.SourceTopic] = MismatchReason,
        [FailedChecks.StackIdFormat] = StackIdReason,
        [FailedChecks.StackAccount] = MismatchReason,
        [FailedChecks.RoleArnFormat] = RoleArnFormatReason,
        [FailedChecks.RoleAccount] = RoleAccountReason,
        // Which secret was wrong is none of the caller's business: one generic reason for all three.
        [FailedChecks.ExternalId] = MismatchReason,
        [FailedChecks.OnboardingToken] = MismatchReason,
        [FailedChecks.AccountIdProperty] = MismatchReason,
    };

    public static CheckResult Verify(CustomResourceRequest request, ExpectedCustomer expected)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(expected);

        var failed = FailedChecks.None;
        var properties = request.ResourceProperties;
        var stackParsed = CloudFormationStackArn.TryParse(request.StackId, out var stack);

        if (request.RequestType is not (Create or Update or Delete)) failed |= FailedChecks.RequestType;
        if (!string.Equals(request.ResourceType, expected.ResourceType, StringComparison.Ordinal)) failed |= FailedChecks.ResourceType;
        if (!IsOwnTopicInStackRegion(request.SourceTopicArn, stack, expected)) failed |= FailedChecks.SourceTopic;

        if (!stackParsed) failed |= FailedChecks.StackIdFormat;
        else if (!string.Equals(stack!.AccountId, expected.AccountId, StringComparison.Ordinal)) failed |= FailedChecks.StackAccount;

        var roleArn = properties.GetValueOrDefault(CustomResourceProperties.RoleArn);
        var role = roleArn is null ? null : AwsIdentifierPatterns.IamRoleArn().Match(roleArn);
        if (role is not { Success: true }) failed |= FailedChecks.RoleArnFormat;
        else if (role.Groups["account"].Value != expected.AccountId
                 || (stack is not null && role.Groups["partition"].Value != stack.Partition))
            failed |= FailedChecks.RoleAccount;

        if (!SecretEquals(properties.GetValueOrDefault(CustomResourceProperties.ExternalId), expected.ExternalId)) failed |= FailedChecks.ExternalId;
        if (!SecretEquals(properties.GetValueOrDefault(CustomResourceProperties.OnboardingToken), expected.OnboardingToken)) failed |= FailedChecks.OnboardingToken;
        if (properties.TryGetValue(CustomResourceProperties.AccountId, out var accountProperty)
            && !string.Equals(accountProperty, expected.AccountId, StringComparison.Ordinal))
            failed |= FailedChecks.AccountIdProperty;

        if (failed == FailedChecks.None) return new CheckResult(failed, null, null);

        var first = FirstOf(failed);
        return new CheckResult(failed, PublicReasons[first], Detail(failed, first, request));
    }

    private static bool IsOwnTopicInStackRegion(string topicArn, CloudFormationStackArn? stack, ExpectedCustomer expected)
    {
        if (!expected.IsOwnTopic(topicArn)) return false;
        // CloudFormation only accepts a ServiceToken in the stack's own region.
        var topic = AwsIdentifierPatterns.SnsTopicArn().Match(topicArn);
        return stack is null || !topic.Success || topic.Groups["region"].Value == stack.Region;
    }

    /// <summary>Constant time for equal lengths, so response timing does not reveal a matching prefix.</summary>
    private static bool SecretEquals(string? claimed, string expected) =>
        claimed is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(claimed), Encoding.UTF8.GetBytes(expected));

    private static FailedChecks FirstOf(FailedChecks failed) => (FailedChecks)((int)failed & -(int)failed);

    private static string Detail(FailedChecks failed, FailedChecks first, CustomResourceRequest request)
    {
        var properties = request.ResourceProperties;
        var detail = new StringBuilder()
            .Append($"check {first} failed (all failed: {failed}); claimed ")
            .Append($"RequestType={Loggable(request.RequestType)}, ResourceType={Loggable(request.ResourceType)}, ")
            .Append($"StackId={Loggable(request.StackId)}, Topic={Loggable(request.SourceTopicArn)}, ")
            .Append($"RoleArn={Loggable(properties.GetValueOrDefault(CustomResourceProperties.RoleArn))}, ")
            .Append($"AccountId={Loggable(properties.GetValueOrDefault(CustomResourceProperties.AccountId))}, ")
            // A claimed secret may be a real one sent to the wrong place: log a fingerprint only.
            .Append($"ExternalId={Fingerprint(properties.GetValueOrDefault(CustomResourceProperties.ExternalId))}, ")
            .Append($"OnboardingToken={Fingerprint(properties.GetValueOrDefault(CustomResourceProperties.OnboardingToken))}");
        return detail.ToString();
    }

    private static string Loggable(string? value)
    {
        if (value is null) return "(none)";
        var cut = value.Length > MaxLoggedValueLength ? value[..MaxLoggedValueLength] + "…" : value;
        // No control characters: a forged value must not be able to fake extra log lines.
        return "'" + string.Concat(cut.Select(c => char.IsControl(c) ? '?' : c)) + "'";
    }

    private static string Fingerprint(string? secret)
    {
        if (secret is null) return "(none)";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
        return $"(length {secret.Length}, sha256 {hash[..SecretFingerprintHexLength]})";
    }
}
