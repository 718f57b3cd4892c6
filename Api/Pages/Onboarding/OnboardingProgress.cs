using System.Globalization;
using Onboarding.CustomerPages;
using Onboarding.Customers;
using Onboarding.Identity;

namespace Onboarding.Api.Pages.Onboarding;

/// <summary>Where a customer's onboarding is, as its page shows it.</summary>
public enum ProgressStep
{
    /// <summary>No stack yet: the customer has to launch it.</summary>
    Waiting,
    /// <summary>The stack reported its role and the role passed its check; CloudFormation is finishing the stack.</summary>
    RoleVerified,
    /// <summary>Active: the partner may use the role.</summary>
    Connected,
    /// <summary>The stack's role was refused, or CloudFormation stopped waiting: the stack rolls back, the customer may launch again.</summary>
    Failed,
    /// <summary>The launch link expired before a stack was created.</summary>
    Expired,
    /// <summary>The onboarding ended (off-boarded, abandoned, stack deleted).</summary>
    Ended,
}

/// <summary>
/// What the page says about the onboarding's progress: the step, a headline and what to do, in plain words, and how
/// many of the four milestones (waiting for the stack, stack reported, role verified, connected) are behind it.
/// The same for the page as first rendered and for each status answer; never the external id.
/// </summary>
/// <param name="Reached">Milestones done: 0 waiting for the stack … 4 connected.</param>
/// <param name="RoleArn">The role, once connected.</param>
/// <param name="Final">Nothing will change without someone acting elsewhere: the page stops asking.</param>
public sealed record OnboardingProgress(ProgressStep Step, int Reached, string Headline, string Detail, string? RoleArn, bool Final)
{
    public const int Milestones = 4;

    public static readonly IReadOnlyList<string> MilestoneNames = ["Waiting for the stack", "Stack reported", "Role verified", "Connected"];

    public static OnboardingProgress Of(OnboardingPageView view) => view switch
    {
        { State: OnboardingState.Removed } => new(ProgressStep.Ended, 0, "This onboarding has ended.",
            view.LinkReason ?? "Ask whoever sent the link for a new one to connect the account again.", null, Final: true),
        { State: OnboardingState.Active, RoleHealth: RoleHealth.Degraded } => new(ProgressStep.Connected, Milestones,
            "Connected, but the role failed its last check.",
            (view.RoleCheck?.Reason ?? "The partner can no longer use the role as the template made it.") + $" (checked {When(view.RoleCheck?.CheckedAt)})",
            view.RoleArn, Final: true),
        { State: OnboardingState.Active } => new(ProgressStep.Connected, Milestones, "Connected.",
            $"The stack is complete and the partner can use the role{Since(view.ConnectedAt)}. You may close this page.", view.RoleArn, Final: true),
        { State: OnboardingState.Activating } => new(ProgressStep.RoleVerified, 3, "Role verified: finishing the stack.",
            "The partner assumed the role with your external id and was refused without it. CloudFormation is completing the stack.", null, Final: false),
        { LastSetback.Trigger: OnboardingTrigger.RoleRejected } => new(ProgressStep.Failed, 2, "The stack's role was refused.",
            (view.RoleCheck is { IsVerified: false } check ? check.Reason : "The role did not pass its check.") +
            " The stack rolls back; once it has, launch it again with the button above.", null, Final: false),
        { LastSetback.Trigger: OnboardingTrigger.AnswerNotAccepted } => new(ProgressStep.Failed, 3, "CloudFormation stopped waiting.",
            "CloudFormation did not receive the service's answer in time, so the stack rolls back. Once it has, launch it again with the button above.",
            null, Final: false),
        { LinkStatus: LaunchLinkStatus.Expired } => new(ProgressStep.Expired, 0, "This launch link has expired.",
            view.LinkReason ?? "Ask whoever sent it for a new one.", null, Final: true),
        _ => new(ProgressStep.Waiting, 0, "Waiting for the stack.",
            "Launch the stack in AWS with the button above and create it there. This page follows its progress by itself.", null, Final: false),
    };

    private static string When(DateTimeOffset? at) => at?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture) ?? "recently";

    private static string Since(DateTimeOffset? at) => at is null ? "" : $" since {When(at)}";
}
