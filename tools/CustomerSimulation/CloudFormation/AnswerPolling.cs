namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>
/// How CloudFormation's side waits for an answer object: the first look soon, then less and less often
/// (so that many waiting stacks do not flood the S3 stand-in), up to <see cref="Timeout"/>.
/// </summary>
public sealed record AnswerPolling
{
    public static AnswerPolling Default { get; } = new();

    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromMilliseconds(10);
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(100);
    public double Growth { get; init; } = 1.5;
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);

    public IEnumerable<string> Problems()
    {
        if (FirstDelay <= TimeSpan.Zero) yield return "FirstDelay must be positive";
        if (MaxDelay < FirstDelay) yield return "MaxDelay must be at least FirstDelay";
        if (Growth < 1) yield return "Growth must be at least 1";
        if (Timeout <= TimeSpan.Zero) yield return "Timeout must be positive";
    }
}
