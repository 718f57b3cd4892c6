using Microsoft.Extensions.Options;
using Onboarding.Silo.Configuration;

namespace Onboarding.Silo.Provisioning;

/// <summary>Runs provisioning early in the silo's start, before grains can touch storage, when enabled.</summary>
public sealed class ProvisioningLifecycle(ResourceProvisioner provisioner, IOptions<ProvisioningOptions> options)
    : ILifecycleParticipant<ISiloLifecycle>
{
    public void Participate(ISiloLifecycle lifecycle)
    {
        if (!options.Value.Enabled) return;
        lifecycle.Subscribe(nameof(ProvisioningLifecycle), ServiceLifecycleStage.RuntimeInitialize, provisioner.ProvisionAsync);
    }
}
