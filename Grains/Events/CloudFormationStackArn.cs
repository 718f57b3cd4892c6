using System.Diagnostics.CodeAnalysis;
using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Events;

/// <summary>The parts of a StackId: <c>arn:PARTITION:cloudformation:REGION:ACCOUNT:stack/NAME/ID</c>.</summary>
public sealed record CloudFormationStackArn(string Partition, string Region, string AccountId, string StackName, string StackUniqueId)
{
    public static bool TryParse(string? stackId, [NotNullWhen(true)] out CloudFormationStackArn? arn)
    {
        arn = null;
        if (stackId is null) return false;
        var match = AwsIdentifierPatterns.CloudFormationStackArn().Match(stackId);
        if (!match.Success) return false;
        arn = new CloudFormationStackArn(
            match.Groups["partition"].Value,
            match.Groups["region"].Value,
            match.Groups["account"].Value,
            match.Groups["name"].Value,
            match.Groups["id"].Value);
        return true;
    }
}
