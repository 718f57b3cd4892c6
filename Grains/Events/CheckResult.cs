namespace Onboarding.Grains.Events;

/// <summary>The outcome of <see cref="CustomResourceChecks.Verify"/>.</summary>
/// <param name="Failed">Every check that failed (all are evaluated, so a Delete's caller can weigh them).</param>
/// <param name="PublicReason">For the FAILED answer to CloudFormation: generic, never an expected value.</param>
/// <param name="SecurityDetail">For logs: the first failed check and the values the request claimed.</param>
public sealed record CheckResult(FailedChecks Failed, string? PublicReason, string? SecurityDetail)
{
    public bool Passed => Failed == FailedChecks.None;
}
