namespace Onboarding.Identity;

/// <summary>
/// Re-checks every Active customer's role once per <c>Verification:RecheckEvery</c>, spread evenly over the period (one
/// activation, key 0, driven by one reminder): no reminder and no resident activation per customer.
/// </summary>
public interface IRoleCheckSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the sweep's reminder is registered.</summary>
    Task Schedule();

    /// <summary>Does one step of the sweep now (what a reminder tick does) and says what it found.</summary>
    Task<RoleCheckStep> Step();
}

/// <summary>What one step of the sweep did.</summary>
/// <param name="Visited">Active customers looked at.</param>
/// <param name="Checked">Of those, the ones whose check was due and made.</param>
/// <param name="Degraded">Of those, the ones whose role the check found broken.</param>
/// <param name="SweepDone">The step reached the end of the Active customers: the next sweep starts a period after this one did.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.RoleCheckStep")]
public sealed record RoleCheckStep(
    [property: Id(0)] int Visited,
    [property: Id(1)] int Checked,
    [property: Id(2)] int Degraded,
    [property: Id(3)] bool SweepDone);
