using System.Text.RegularExpressions;

namespace Onboarding.Identifiers;

/// <summary>
/// The one rule for the shape of an AWS region name (eu-west-1, us-gov-west-1, ap-southeast-3), shared by
/// the API and the grains. The commercial and GovCloud partitions only: the service's templates, ARNs
/// and launch links are built for those, so an isolated region (us-iso-east-1) is refused up front.
/// </summary>
public static partial class RegionNames
{
    public static bool IsWellFormed(string? region) => region is not null && Pattern().IsMatch(region);

    /// <summary>Why <paramref name="region"/> is refused, naming <paramref name="field"/>; null when it is well formed.</summary>
    public static string? Check(string field, string? region) =>
        IsWellFormed(region) ? null : $"{field} must be an AWS region name such as eu-west-1 (got '{Truncate(region ?? "")}').";

    private const int MaxEchoedLength = 32;

    private static string Truncate(string value) => value.Length <= MaxEchoedLength ? value : value[..MaxEchoedLength] + "…";

    // ASCII classes and \z: \d matches any Unicode digit and $ accepts a trailing newline.
    [GeneratedRegex(@"^[a-z]{2}(-gov)?-[a-z]+-[0-9]\z", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
