using Onboarding.Events;

namespace Onboarding.Organizations;

/// <summary>One organization onboarding; the key is the organization id (o-…).</summary>
public interface IOrganizationGrain : IGrainWithStringKey
{
    /// <summary>
    /// Starts the onboarding (one external id and one token for every account; the organization's statement on its topic;
    /// the management account's customer with the management template and launch link), or resumes the one in flight.
    /// </summary>
    Task<OrganizationCommandResult> Start(StartOrganizationCommand command);

    /// <summary>
    /// A Create from a stack of the organization's template (a member's stack instance, or the management stack): checked
    /// against the organization and a new member recorded. Admitted: the caller joins a member's customer with the
    /// returned attempt, then hands the request to the account's customer grain; refused: the FAILED outcome to answer.
    /// </summary>
    Task<OrganizationAdmission> AdmitMember(CustomResourceRequest request);

    /// <summary>
    /// Ends the organization onboarding (an operator's decision): every member and the management account are off-boarded
    /// and the organization's topic statement removed. Idempotent.
    /// </summary>
    Task<OrganizationCommandResult> OffBoard(string reason);

    /// <summary>
    /// The management account's customer was Removed (its stack deleted, or its template abandoned; it tells once): every
    /// member is off-boarded and the organization's topic statement removed. Idempotent.
    /// </summary>
    Task ManagementAccountRemoved(string reason);

    /// <summary>The view with member counts per state, or null when no onboarding was ever started.</summary>
    Task<OrganizationView?> GetView();
}
