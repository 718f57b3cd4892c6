using Microsoft.Extensions.Options;
using Onboarding.CustomerPages;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Templates;
using Orleans.Concurrency;

namespace Onboarding.Grains.CustomerPages;

/// <summary>What every customer's role grants, from the same settings the template is rendered from; any silo answers.</summary>
[StatelessWorker]
public sealed class RoleAccessGrain(IOptions<OnboardingOptions> onboarding, IOptions<RoleTemplateOptions> template) : Grain, IRoleAccessGrain
{
    private RoleAccess? _described;

    public Task<RoleAccess> Describe() => Task.FromResult(_described ??= new RoleAccess(
        onboarding.Value.PartnerAccountId,
        onboarding.Value.EffectiveTrustedPrincipalArn,
        [.. template.Value.ManagedPolicyArns],
        InlinePolicySummary.Summarize(template.Value.InlinePolicyDocument)));
}
