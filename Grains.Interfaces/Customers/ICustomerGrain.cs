using Onboarding.CustomerPages;
using Onboarding.Events;
using Onboarding.Identity;
using Onboarding.Organizations;

namespace Onboarding.Customers;

/// <summary>One customer AWS account; the key is its 12-digit account id.</summary>
public interface ICustomerGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the onboarding, or resumes the one in flight (idempotent while Pending or Templated:
    /// same external id, a valid launch URL). Refused while Active.
    /// </summary>
    Task<CustomerCommandResult> StartOnboarding(StartOnboardingCommand command);

    /// <summary>
    /// Decides a custom-resource request CloudFormation published for this account: checks it against
    /// the onboarding and records its effect durably with the answer, which the caller then delivers.
    /// An activation takes effect only when <see cref="SettleAnswer"/> reports the answer accepted.
    /// Idempotent by StackId + RequestId: a duplicate only repeats the recorded answer.
    /// </summary>
    Task<StackEventOutcome> HandleStackEvent(CustomResourceRequest request, RoleVerification? verification = null);

    /// <summary>
    /// Reports how delivering the answer to a request went: <paramref name="acceptedAt"/> is when
    /// CloudFormation's ResponseURL accepted it (a 2xx), or null when it has not. Activates the customer
    /// when accepted before the request's deadline, returns it to Templated once the deadline has passed.
    /// </summary>
    Task<AnswerSettlement> SettleAnswer(string stackId, string requestId, DateTimeOffset? acceptedAt);

    /// <summary>
    /// Renews the launch link while Templated (the same link, a full lifetime from now); refused in any other state.
    /// <paramref name="reason"/> goes into the history: who asked, and where.
    /// </summary>
    Task<CustomerCommandResult> RenewLaunchUrl(string reason);

    /// <summary>
    /// Partner-initiated off-boarding: the account leaves its topic's policy, the role ARN is kept for
    /// audit but marked unusable, and the partner is notified. Idempotent once Removed.
    /// </summary>
    Task<CustomerCommandResult> OffBoard(string reason);

    /// <summary>
    /// Starts (or resumes) the management account of an organization onboarding: its launch link leads to the management
    /// template; the organization's external id, token and topic. Refused while the account is onboarded otherwise.
    /// </summary>
    Task<CustomerCommandResult> StartOrganizationOnboarding(OrganizationAttempt attempt);

    /// <summary>
    /// A member account whose stack instance reported: created (or found) linked to the organization, ready for its Create.
    /// Null when done; a refusal when the account is onboarded on its own (it keeps that onboarding).
    /// </summary>
    Task<CommandRefusal?> JoinOrganization(OrganizationAttempt attempt);

    /// <summary>The customer's view, or null when no onboarding was ever started.</summary>
    Task<OnboardingView?> GetView();

    /// <summary>
    /// What the customer's launch link leads to now: the quick-create URL with a template URL presigned
    /// at this moment, or why not. <paramref name="secret"/> is the secret part of the link's token; a
    /// wrong one is answered exactly as an account that never onboarded. Changes nothing.
    /// (<see cref="RenewLaunchUrl"/> renews the link: the same link, a full lifetime from now.)
    /// </summary>
    Task<LaunchLinkAnswer> OpenLaunchLink(string secret);

    /// <summary>
    /// The update link (same secret as <see cref="OpenLaunchLink"/>): while the customer is outdated, the console's
    /// update-stack URL for its stack with the current template presigned at this moment. Changes nothing.
    /// </summary>
    Task<LaunchLinkAnswer> OpenUpdateLink(string secret);

    /// <summary>
    /// What the customer's onboarding page shows, for the holder of the same secret as <see cref="OpenLaunchLink"/>;
    /// null for a wrong one, exactly as for an account that never onboarded. Changes nothing.
    /// </summary>
    Task<OnboardingPageView?> OpenOnboardingPage(string secret);
}
