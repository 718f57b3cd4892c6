namespace Onboarding.Customers;

/// <summary>
/// Compares every Active customer's template version with the one offered now (one activation, key 0, driven by one
/// reminder): a full pass when the offered version changed, and once a period; notifications paced per step.
/// </summary>
public interface ITemplateVersionSweepGrain : IGrainWithIntegerKey
{
    /// <summary>Makes sure the sweep's reminder is registered.</summary>
    Task Schedule();

    /// <summary>Does one step of the sweep now (what a reminder tick does) and says what it found.</summary>
    Task<TemplateVersionStep> Step();
}

/// <summary>What one step of the version sweep did.</summary>
/// <param name="Visited">Active customers looked at.</param>
/// <param name="Notified">Of those, the ones that became outdated (each notified once).</param>
/// <param name="SweepDone">The step finished a pass over the Active customers.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.TemplateVersionStep")]
public sealed record TemplateVersionStep(
    [property: Id(0)] int Visited,
    [property: Id(1)] int Notified,
    [property: Id(2)] bool SweepDone);
