using Microsoft.Extensions.Options;
using Onboarding.Grains.Organizations;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Stats;
using Onboarding.Queries;
using Onboarding.Grains.Templates;
using Onboarding.Grains.Whitelist;
using Onboarding.Organizations;
using Onboarding.Whitelist;

namespace Onboarding.Grains.Customers;

/// <summary>
/// Does one <see cref="WorkflowEffect"/> of a customer and says how it ended; throws when it failed (the effect
/// stays pending and is tried again). Knows how, never whether: that was decided by <see cref="CustomerWorkflow"/>.
/// </summary>
public sealed class CustomerEffectRunner(
    IGrainFactory grains,
    ITemplateStore templates,
    IPartnerNotifier notifier,
    LaunchLinks launchLinks,
    IOptions<OnboardingOptions> onboardingOptions,
    IOptions<RoleTemplateOptions> templateOptions,
    IOptions<WhitelistOptions> whitelistOptions)
{
    public async Task<EffectOutcome> RunAsync(CustomerState state, WorkflowEffect effect, CancellationToken cancellationToken)
    {
        switch (effect)
        {
            case JoinTopic join:
                return await JoinAsync(state, join);
            case PublishTemplate publish:
                await templates.PutAsync(publish.TemplateKey, Render(state), cancellationToken);
                await launchLinks.CheckAsync(state, cancellationToken);
                break;
            case DeleteTemplate delete:
                await templates.DeleteAsync(delete.TemplateKey, cancellationToken);
                break;
            case LeaveTopic leave:
                await grains.GetGrain<ITopicPolicyGrain>(leave.TopicArn).RemoveAccount(state.AccountId);
                break;
            case CountCustomer count:
                var counted = CustomerCounting.ContributionOf(state);
                await grains.GetGrain<ICustomerCountersGrain>(CustomerCounting.ShardOf(state.AccountId)).Count(state.AccountId, count.Sequence, count.From, counted);
                return new EffectOutcome(effect, Counted: counted);
            case EndOrganization end:
                await grains.GetGrain<IOrganizationGrain>(end.OrganizationId).ManagementAccountRemoved(end.Reason);
                break;
            case NotifyPartner notify:
                // Repeated after a crash before it was recorded: the partner drops repeats by the event id.
                await notifier.PublishAsync(notify.Notification, cancellationToken);
                break;
            default:
                throw new InvalidOperationException($"No runner for the effect {effect.GetType().Name}.");
        }
        return new EffectOutcome(effect);
    }

    /// <summary>Joins the topic; a full one (answered from a policy without the account) names the region's next topic.</summary>
    private async Task<EffectOutcome> JoinAsync(CustomerState state, JoinTopic join)
    {
        var outcome = await grains.GetGrain<ITopicPolicyGrain>(join.TopicArn).AddAccount(state.AccountId);
        if (outcome is WhitelistOutcome.Added or WhitelistOutcome.AlreadyPresent) return new EffectOutcome(join);
        // An organization's template names its topic for every account: no other topic will do. While the account is in
        // the organization, the organization's statement still admits it; after it left, its Delete cannot get through.
        if (state.Organization is not null)
            throw new InvalidOperationException($"The topic of organization {state.Organization.OrganizationId} has no room for another account statement.");
        if (join.Rollover >= whitelistOptions.Value.MaxTopicRollovers)
            throw new InvalidOperationException($"No event topic in {state.Region} had room after {join.Rollover} full topics.");
        return new EffectOutcome(join, await grains.GetGrain<IRegionTopicsGrain>(state.Region).NextTopic(join.TopicArn));
    }

    private string Render(CustomerState state)
    {
        // The management account's template deploys the member template to the organization (and holds its own role).
        if (state.Organization is { } organization)
        {
            return OrganizationTemplateRenderer.Render(new OrganizationTemplateSpec
            {
                Member = RoleSpec(state) with { OrganizationId = organization.OrganizationId },
                Region = state.Region,
                DeploymentTargets = organization.DeploymentTargets,
                StackSetName = OrganizationTemplateRenderer.StackSetNameFor(organization.OrganizationId),
            });
        }
        return RoleTemplateRenderer.Render(RoleSpec(state));
    }

    private RoleTemplateSpec RoleSpec(CustomerState state)
    {
        var template = templateOptions.Value;
        return new RoleTemplateSpec
        {
            CustomerAccountId = state.AccountId,
            ExternalId = state.ExternalId,
            OnboardingToken = state.OnboardingToken,
            TrustedPrincipalArn = onboardingOptions.Value.EffectiveTrustedPrincipalArn,
            ServiceTokenTopicArn = state.TopicArn!,
            ManagedPolicyArns = template.ManagedPolicyArns,
            InlinePolicyDocument = template.InlinePolicyDocument,
            ServiceTimeoutSeconds = template.ServiceTimeoutSeconds,
            CustomResourceType = template.CustomResourceType,
            Description = template.Description,
        };
    }
}
