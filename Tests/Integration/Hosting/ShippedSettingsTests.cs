using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Hosting;

/// <summary>
/// The service under test runs what ships: every setting of Silo/appsettings.json and
/// Api/appsettings.json keeps its shipped value except the few a local run must change, and no
/// Development settings are loaded (nothing may work only there).
/// </summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed class ShippedSettingsTests(OnboardingService service)
{
    /// <summary>
    /// Ports, provisioning, the test bucket and partner, the API's own address (the base of its launch
    /// links), a long-term key pair for presigning (the service runs on temporary credentials, as on
    /// ECS or EKS), and the events poller's pace (short long polls keep every silo stop short; quick
    /// redeliveries keep undelivered-answer tests short).
    /// </summary>
    private static readonly string[] SiloChanges =
    [
        "Cluster:GatewayPort", "Cluster:SiloPort", "Events:RetryDelay", "Events:WaitTimeSeconds", "Onboarding:PartnerAccountId",
        "Onboarding:PublicBaseUrl", "Provisioning:Enabled", "Resources:TemplateBucket", "Templates:Presigning:Credentials",
    ];

    /// <summary>The silo's gateway port, and the per-address limits: every test client shares one address.</summary>
    private static readonly string[] ApiChanges = ["Api:CustomerLinkRequestsPerWindow", "Auth:MaxFailuresPerWindow", "Cluster:GatewayPort"];

    [Fact]
    public void The_silo_runs_the_shipped_settings_changing_only_what_a_local_run_must() =>
        AssertRunsShipped(ShippedSettings.Silo(), service.Silo.Services, SiloChanges);

    [Fact]
    public void The_api_runs_the_shipped_settings_changing_only_what_a_local_run_must() =>
        AssertRunsShipped(ShippedSettings.Api(), service.Api.Services, ApiChanges);

    private static void AssertRunsShipped(IConfiguration shipped, IServiceProvider host, string[] changes)
    {
        var running = host.GetRequiredService<IConfiguration>();
        var changed = shipped.AsEnumerable()
            .Where(setting => setting.Value is not null && running[setting.Key] != setting.Value)
            .Select(setting => setting.Key);
        Assert.Empty(changed.Except(changes));

        Assert.Equal(Environments.Production, host.GetRequiredService<IHostEnvironment>().EnvironmentName);
        var files = ((IConfigurationRoot)running).Providers.OfType<FileConfigurationProvider>().Select(p => p.Source.Path ?? "");
        Assert.DoesNotContain(files, file => file.Contains(Environments.Development, StringComparison.OrdinalIgnoreCase));
    }
}
