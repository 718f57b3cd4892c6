using System.Globalization;
using Onboarding.Customers;

namespace Onboarding.Grains.Customers;

/// <summary>
/// Whether a customer's launch link may open the console now, and if not, what its holder is told.
/// The secret is checked first and alone: a wrong one learns nothing about the account's state.
/// </summary>
public static class LaunchLinkRules
{
    public static LaunchLinkStatus Decide(CustomerState state, string presentedSecret, DateTimeOffset now)
    {
        if (!CustomerLinkToken.SecretMatches(state.CustomerLinkSecret, presentedSecret)) return LaunchLinkStatus.Unknown;
        return state.State switch
        {
            OnboardingState.Templated when state.LaunchUrlExpiresAt is { } expiresAt && now < expiresAt => LaunchLinkStatus.Ready,
            OnboardingState.Templated => LaunchLinkStatus.Expired,
            // Pending: the link is handed out only once Templated, so nobody can hold it yet.
            OnboardingState.None or OnboardingState.Pending => LaunchLinkStatus.Unknown,
            // Active, Removed, and any state where the stack already exists.
            _ => LaunchLinkStatus.Ended,
        };
    }

    /// <summary>
    /// Whether a customer's update link may open the console's update-stack page now: only while the customer is
    /// outdated and its update template is out. Same secret, checked first and alone.
    /// </summary>
    public static LaunchLinkStatus DecideUpdate(CustomerState state, string presentedSecret)
    {
        if (!CustomerLinkToken.SecretMatches(state.CustomerLinkSecret, presentedSecret)) return LaunchLinkStatus.Unknown;
        if (state.State is OnboardingState.None or OnboardingState.Pending) return LaunchLinkStatus.Unknown;
        return state is { IsOutdated: true, TemplateKey: not null, StackId: not null } ? LaunchLinkStatus.Ready : LaunchLinkStatus.Ended;
    }

    /// <summary>Why an update link does not open the console (<see cref="LaunchLinkStatus.Ended"/>), in words for the link's holder.</summary>
    public static LaunchLinkAnswer UpdateRefusal(CustomerState state) => LaunchLinkAnswer.Refused(LaunchLinkStatus.Ended,
        state.State == OnboardingState.Active
            ? "This AWS account's stack already runs the current template: there is nothing to update."
            : "This AWS account is not connected: there is no stack to update.");

    /// <summary>The refusal for a status other than <see cref="LaunchLinkStatus.Ready"/>, in words for the link's holder.</summary>
    public static LaunchLinkAnswer Refusal(LaunchLinkStatus status, CustomerState state) => status switch
    {
        LaunchLinkStatus.Expired => LaunchLinkAnswer.Refused(status,
            $"This launch link expired on {state.LaunchUrlExpiresAt?.UtcDateTime.ToString("u", CultureInfo.InvariantCulture)}. Ask whoever sent it for a new one."),
        LaunchLinkStatus.Ended when state.State == OnboardingState.Active => LaunchLinkAnswer.Refused(status,
            "This AWS account is already connected: there is nothing left to launch."),
        LaunchLinkStatus.Ended when state.State == OnboardingState.Removed => LaunchLinkAnswer.Refused(status,
            "This onboarding has ended. Ask whoever sent the link for a new one to connect the account again."),
        LaunchLinkStatus.Ended => LaunchLinkAnswer.Refused(status,
            "This AWS account's stack already exists and is being connected: there is nothing to launch now."),
        _ => LaunchLinkAnswer.Unknown,
    };

    /// <summary>Why a minted quick-create URL cannot be used, for the link's holder (no URL, no account).</summary>
    public static LaunchLinkAnswer CannotLaunch(int templateUrlLength, int limit) => LaunchLinkAnswer.Refused(LaunchLinkStatus.CannotLaunch,
        $"This link cannot open AWS CloudFormation: the service signs its template address with temporary credentials, which make it {templateUrlLength} characters long, and the console accepts at most {limit}. " +
        "The service's operators have to change how template addresses are signed; please tell whoever sent the link.");
}
