using Microsoft.Extensions.Options;
using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Invitations;

namespace Onboarding.Grains.Invitations;

/// <summary>
/// One invitation (see <see cref="IInvitationGrain"/>). Calls are one at a time, so two submissions of the form cannot
/// both use it; the start comes first and the use is written after it, so a start that was refused, or a crash
/// between the two, leaves the invitation open (a repeated start of the same account resumes the same onboarding).
/// </summary>
public sealed class InvitationGrain(
    [PersistentState("invitation", StorageNames.Onboarding)] IPersistentState<InvitationState> invitation,
    IOptions<InvitationOptions> invitationOptions,
    IOptions<OnboardingOptions> onboardingOptions,
    TimeProvider clock) : Grain, IInvitationGrain
{
    private InvitationState State => invitation.State;

    public async Task<InvitationView> Create(string secret, string reference, string? region)
    {
        if (!invitation.RecordExists)
        {
            var now = clock.GetUtcNow();
            invitation.State = new InvitationState
            {
                Reference = reference,
                Region = region,
                CreatedAt = now,
                ExpiresAt = now + invitationOptions.Value.Lifetime,
            };
            await invitation.WriteStateAsync();
        }
        return View(secret);
    }

    public Task<InvitationView?> Get() => Task.FromResult(invitation.RecordExists ? View(secret: null) : null);

    public async Task<InvitationAcceptance> Accept(string accountId, string? region)
    {
        if (!invitation.RecordExists) return new(null, null, null, Unknown: true);
        if (Status(clock.GetUtcNow()) is var status && status != InvitationStatus.Open) return new(null, status, null);

        var command = new StartOnboardingCommand(State.Region ?? region ?? "", State.Reference);
        var result = await GrainFactory.GetGrain<ICustomerGrain>(accountId).StartOnboarding(command);
        if (result.Refusal is { } refusal) return new(null, null, refusal);

        State.UsedAt = clock.GetUtcNow();
        State.AccountId = accountId;
        await invitation.WriteStateAsync();
        return new(result.View!.PageUrl, null, null);
    }

    private InvitationStatus Status(DateTimeOffset now) =>
        State.UsedAt is not null ? InvitationStatus.Used : now >= State.ExpiresAt ? InvitationStatus.Expired : InvitationStatus.Open;

    /// <summary>The link only for its creator: it is rebuilt from the secret it was given, never stored.</summary>
    private InvitationView View(string? secret) => new(
        State.Reference, State.Region, State.CreatedAt, State.ExpiresAt, Status(clock.GetUtcNow()), State.UsedAt,
        secret is null ? null : CustomerLinkRoutes.Invitation(onboardingOptions.Value.PublicBaseUrl!, secret),
        [.. onboardingOptions.Value.AllowedRegions]);
}
