namespace Onboarding.Grains.Identifiers;

/// <summary>The policy language versions IAM understands.</summary>
public static class IamPolicyVersions
{
    public const string Current = "2012-10-17";
    public const string Legacy = "2008-10-17";

    public static bool IsKnown(string? version) => version is Current or Legacy;
}
