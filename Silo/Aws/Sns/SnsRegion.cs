using System.Text.RegularExpressions;

namespace Onboarding.Silo.Aws.Sns;

/// <summary>
/// Region names end up in a host name and in the signing scope, so only the AWS shape
/// (lower-case letters, digits, dashes, e.g. <c>eu-west-1</c>) is accepted.
/// </summary>
internal static partial class SnsRegion
{
    public static bool IsValid(string? region) => region is not null && Shape().IsMatch(region);

    public static void ThrowIfInvalid(string region)
    {
        if (!IsValid(region)) throw new ArgumentException($"Not an AWS region name: '{region}'.", nameof(region));
    }

    [GeneratedRegex("^[a-z]{2}(-[a-z0-9]+)+-[0-9]+$")]
    private static partial Regex Shape();
}
