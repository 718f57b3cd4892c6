using Onboarding.Grains.Customers;

namespace Onboarding.Silo.Verification;

/// <summary>How the service checks customers' roles with STS (section "Verification").</summary>
public sealed class VerificationOptions
{
    public const string SectionName = "Verification";
    public const string DefaultRoleSessionName = "onboarding-verification";

    /// <summary>
    /// How long a verification keeps asking STS with the external id while the answer is AccessDenied: a role
    /// created seconds ago may not have propagated yet (IAM is eventually consistent). Then NotAssumable.
    /// </summary>
    public TimeSpan MaxWait { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The <c>RoleSessionName</c> of every AssumeRole: how customers recognise the partner's checks in CloudTrail.</summary>
    public string RoleSessionName { get; set; } = DefaultRoleSessionName;

    /// <summary>How often an Active customer's role is checked again (with the external id).</summary>
    public TimeSpan RecheckEvery { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// How often a re-check also checks without and with a wrong external id: rarer, since each puts an
    /// AccessDenied event in the customer's CloudTrail, which their alerts may pick up.
    /// </summary>
    public TimeSpan NegativeRecheckEvery { get; set; } = TimeSpan.FromDays(7);

    /// <summary>AssumeRole calls per second the re-checks may make, per silo (onboardings are not held back by it).</summary>
    public double MaxAssumeRolePerSecond { get; set; } = 10;

    /// <summary>How often the role check sweep does a step (its reminder's period: at least Orleans' one minute).</summary>
    public TimeSpan SweepTick { get; set; } = TimeSpan.FromMinutes(1);

    public RoleCheckSchedule Schedule => new(RecheckEvery, NegativeRecheckEvery, SweepTick, MaxAssumeRolePerSecond);
}
