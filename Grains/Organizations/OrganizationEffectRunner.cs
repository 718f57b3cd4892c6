using Onboarding.Customers;
using Onboarding.Whitelist;

namespace Onboarding.Grains.Organizations;

/// <summary>Does one <see cref="OrganizationEffect"/>; throws when it failed (it stays pending and is tried again).</summary>
public sealed class OrganizationEffectRunner(IGrainFactory grains)
{
    public async Task RunAsync(OrganizationState state, OrganizationEffect effect)
    {
        switch (effect)
        {
            case AdmitOrganization admit:
                await grains.GetGrain<ITopicPolicyGrain>(admit.TopicArn).AddOrganization(state.OrganizationId);
                break;
            case DismissOrganization dismiss:
                await grains.GetGrain<ITopicPolicyGrain>(dismiss.TopicArn).RemoveOrganization(state.OrganizationId);
                break;
            case OffBoardAccount offBoard:
                // A Removed customer stays as it is; one onboarded on its own was never this organization's to end.
                var customer = grains.GetGrain<ICustomerGrain>(offBoard.AccountId);
                if ((await customer.GetView())?.OrganizationId == state.OrganizationId) await customer.OffBoard(offBoard.Reason);
                break;
            default:
                throw new InvalidOperationException($"No runner for the organization effect {effect.GetType().Name}.");
        }
    }
}
