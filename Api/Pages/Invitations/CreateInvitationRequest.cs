namespace Onboarding.Api.Pages.Invitations;

/// <summary>The body of POST /invitations.</summary>
/// <param name="Reference">The partner's reference the onboarding starts under (required, at most 256 characters).</param>
/// <param name="Region">The region the customer launches its stack in; unset: the customer chooses one of the offered regions.</param>
public sealed record CreateInvitationRequest(string? Reference, string? Region);
