using Onboarding.Grains.Identifiers;

namespace Onboarding.Grains.Customers;

/// <summary>The shape of an AWS region name (eu-west-1, us-gov-west-1, ap-southeast-3).</summary>
public static class Regions
{
    public static bool IsWellFormed(string? region) => region is not null && AwsIdentifierPatterns.Region().IsMatch(region);
}
