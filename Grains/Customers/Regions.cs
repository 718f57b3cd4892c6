using System.Text.RegularExpressions;

namespace Onboarding.Grains.Customers;

/// <summary>The shape of an AWS region name (eu-west-1, us-gov-west-1, ap-southeast-3).</summary>
public static partial class Regions
{
    public static bool IsWellFormed(string? region) => region is not null && Shape().IsMatch(region);

    [GeneratedRegex(@"^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$")]
    private static partial Regex Shape();
}
