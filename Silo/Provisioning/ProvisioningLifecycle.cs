using Microsoft.Extensions.Options;
using Onboarding.Silo.Configuration;

namespace Onboarding.Silo.Provisioning;

/// <summary>
/// Early in the silo's start, before grains can touch storage: creates the missing resources when provisioning is
/// on (the local default), or else (production) checks that the deployed ones are all there and reachable.
/// </summary>
public sealed class ProvisioningLifecycle(ResourceProvisioner provisioner, DeployedResourceCheck check, IOptions<ProvisioningOptions> options)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(ProvisioningLifecycle), ServiceLifecycleStage.RuntimeInitialize,
            options.Value.Enabled ? provisioner.ProvisionAsync : check.RunAsync);
}
