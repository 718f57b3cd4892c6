namespace Onboarding.Grains.Calls;

/// <summary>
/// How long one grain call may spend on work outside the grain — AWS calls and their retries — (section
/// "Grains"). It stays under Orleans' response timeout, so a caller hears the grain's own failure instead
/// of a timeout while the work goes on behind it. Every grain that waits on the outside uses this budget.
/// </summary>
public sealed class GrainCallOptions
{
    public const string SectionName = "Grains";

    public TimeSpan CallBudget { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>A token that is cancelled when the budget of the call that starts now is spent.</summary>
    public CancellationTokenSource StartBudget() => new(CallBudget);
}
