using System.Text.RegularExpressions;

namespace Onboarding.Identifiers;

/// <summary>The shapes of an AWS Organizations organization id (o-…) and of a StackSet's targets (the root r-…, an OU ou-…-…).</summary>
public static partial class OrganizationIds
{
    /// <summary>At most this many targets: a StackSet's DeploymentTargets takes a handful of OUs, not a list of accounts.</summary>
    public const int MaxDeploymentTargets = 20;

    public static bool IsValid(string? organizationId) => organizationId is not null && Organization().IsMatch(organizationId);

    public static string? Check(string field, string? organizationId) =>
        IsValid(organizationId) ? null : $"{field} must be an organization id: o- and 10-32 lowercase letters or digits (got '{Truncate(organizationId ?? "")}').";

    /// <summary>Why <paramref name="targets"/> are refused, naming <paramref name="field"/>; null when they are usable.</summary>
    public static string? CheckTargets(string field, IReadOnlyList<string?>? targets)
    {
        if (targets is not { Count: > 0 }) return $"{field} must name the organization's root (r-…) or its organizational units (ou-…) the StackSet deploys to.";
        if (targets.Count > MaxDeploymentTargets) return $"{field} holds at most {MaxDeploymentTargets} targets (got {targets.Count}).";
        if (targets.FirstOrDefault(t => !IsTarget(t)) is var bad && targets.Any(t => !IsTarget(t))) return $"{field} must hold root (r-…) or OU (ou-…-…) ids (got '{Truncate(bad ?? "")}').";
        return targets.Distinct(StringComparer.Ordinal).Count() != targets.Count ? $"{field} must not repeat a target." : null;
    }

    public static bool IsTarget(string? target) => target is not null && Target().IsMatch(target);

    private static string Truncate(string value) => value.Length <= 40 ? value : value[..40] + "…";

    [GeneratedRegex(@"^o-[a-z0-9]{10,32}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Organization();

    [GeneratedRegex(@"^(r-[0-9a-z]{4,32}|ou-[0-9a-z]{4,32}-[a-z0-9]{8,32})\z", RegexOptions.CultureInvariant)]
    private static partial Regex Target();
}
