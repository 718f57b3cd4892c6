using System.Text.RegularExpressions;

namespace Onboarding.Grains.Identifiers;

/// <summary>
/// Shapes of the AWS identifiers the pure models accept. Checked up front so a bad value fails
/// here with the field's name instead of later inside CloudFormation or SNS.
/// </summary>
internal static partial class AwsIdentifierPatterns
{
    [GeneratedRegex(@"^arn:(?<partition>aws(-cn|-us-gov)?):sns:(?<region>[a-z]{2}(-gov)?-[a-z]+-\d):(?<account>\d{12}):[A-Za-z0-9_-]{1,256}$", RegexOptions.CultureInvariant)]
    public static partial Regex SnsTopicArn();

    // How a principal that is a whole account appears in a policy: AWS stores the root ARN form.
    [GeneratedRegex(@"^arn:(?<partition>aws(-cn|-us-gov)?):iam::(?<account>\d{12}):root$", RegexOptions.CultureInvariant)]
    public static partial Regex AccountRootArn();

    // The account root or a role (role paths may contain '/').
    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::\d{12}:(root|role/[\w+=,.@/-]{1,576})$", RegexOptions.CultureInvariant)]
    public static partial Regex TrustedPrincipalArn();

    // AWS managed policies live in the "aws" account; customer managed ones in a 12-digit account.
    [GeneratedRegex(@"^arn:aws(-cn|-us-gov)?:iam::(aws|\d{12}):policy/[\w+=,.@/-]{1,640}$", RegexOptions.CultureInvariant)]
    public static partial Regex ManagedPolicyArn();

    // IAM guidance: 2–1224 characters from [\w+=,.@:/-]; STS rejects spaces.
    [GeneratedRegex(@"^[\w+=,.@:/-]{2,1224}$", RegexOptions.CultureInvariant)]
    public static partial Regex ExternalId();

    // Characters IAM accepts in a role description.
    [GeneratedRegex(@"^[\u0009\u000A\u000D\u0020-\u007E\u00A1-\u00FF]*$", RegexOptions.CultureInvariant)]
    public static partial Regex RoleDescription();

    [GeneratedRegex(@"^[A-Za-z][A-Za-z0-9-]{0,127}$", RegexOptions.CultureInvariant)]
    public static partial Regex StackName();

    // "Custom::" followed by the name CloudFormation allows for custom resource types.
    [GeneratedRegex(@"^Custom::[A-Za-z0-9_@-]+$", RegexOptions.CultureInvariant)]
    public static partial Regex CustomResourceType();

    // The StackId CloudFormation sends. ASCII classes and \z (not \d and $): \d matches any Unicode
    // digit and $ accepts a trailing newline, and these values come from outside.
    [GeneratedRegex(@"^arn:(?<partition>aws(-cn|-us-gov)?):cloudformation:(?<region>[a-z]{2}(-gov)?-[a-z]+-[0-9]):(?<account>[0-9]{12}):stack/(?<name>[A-Za-z][A-Za-z0-9-]{0,127})/(?<id>[A-Za-z0-9-]{1,64})\z", RegexOptions.CultureInvariant)]
    public static partial Regex CloudFormationStackArn();

    // A role only (not root, user or assumed-role); role paths may contain '/'.
    [GeneratedRegex(@"^arn:(?<partition>aws(-cn|-us-gov)?):iam::(?<account>[0-9]{12}):role/[A-Za-z0-9_+=,.@/-]{1,576}\z", RegexOptions.CultureInvariant)]
    public static partial Regex IamRoleArn();
}
