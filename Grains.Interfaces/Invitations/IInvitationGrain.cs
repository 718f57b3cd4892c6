using Onboarding.Customers;

namespace Onboarding.Invitations;

/// <summary>
/// One invitation: a single-use, expiring link with which a customer starts its own onboarding by typing its account
/// id, under the partner's reference. Keyed by <see cref="InvitationToken.GrainKey"/> of the link's secret, so the
/// stored key does not open the link.
/// </summary>
public interface IInvitationGrain : IGrainWithStringKey
{
    /// <summary>Records the invitation (idempotent: a repeat answers the invitation as created).</summary>
    Task<InvitationView> Create(string secret, string reference, string? region);

    /// <summary>The invitation, or null when there is none.</summary>
    Task<InvitationView?> Get();

    /// <summary>
    /// Starts the onboarding of <paramref name="accountId"/> under the invitation's reference, in its region (or in
    /// <paramref name="region"/> when it fixes none). The invitation is used up only when the onboarding started: a
    /// refused start (another reference in flight, a region not offered) leaves it open.
    /// </summary>
    Task<InvitationAcceptance> Accept(string accountId, string? region);
}

/// <summary>Where an invitation stands.</summary>
[GenerateSerializer, Alias("Onboarding.InvitationStatus")]
public enum InvitationStatus
{
    Open = 0,
    Used = 1,
    Expired = 2,
}

/// <summary>An invitation as the partner and its page see it.</summary>
/// <param name="Url">The invitation's link, to its creator only (it holds the secret; never stored, never logged).</param>
/// <param name="Regions">The regions the customer may choose from when the invitation fixes none.</param>
[GenerateSerializer, Immutable, Alias("Onboarding.InvitationView")]
public sealed record InvitationView(
    [property: Id(0)] string Reference,
    [property: Id(1)] string? Region,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] DateTimeOffset ExpiresAt,
    [property: Id(4)] InvitationStatus Status,
    [property: Id(5)] DateTimeOffset? UsedAt,
    [property: Id(6)] Uri? Url,
    [property: Id(7)] IReadOnlyList<string> Regions)
{
    // Printed records end up in logs: the link holds the secret.
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"Reference = {Reference}, Region = {Region}, Status = {Status}, ExpiresAt = {ExpiresAt:O}");
        return true;
    }
}

/// <summary>What accepting an invitation led to: the onboarding started (its page's link), or why not.</summary>
/// <param name="PageUrl">The started onboarding's page.</param>
/// <param name="Status">The invitation's status when refused for being used or expired.</param>
/// <param name="Refusal">The start's refusal (the invitation stays open).</param>
[GenerateSerializer, Immutable, Alias("Onboarding.InvitationAcceptance")]
public sealed record InvitationAcceptance(
    [property: Id(0)] Uri? PageUrl,
    [property: Id(1)] InvitationStatus? Status,
    [property: Id(2)] CommandRefusal? Refusal,
    [property: Id(3)] bool Unknown = false);
