using Microsoft.Extensions.DependencyInjection;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Orleans.Runtime;
using Microsoft.Extensions.Options;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>
/// The service as a cluster: the stand-ins, Redis for membership, <see cref="SiloCount"/> silos as separate
/// OS processes on their own ports (the shipped settings, Redis clustering, a local cluster on loopback),
/// and the real API as a client reading the gateway list from Redis.
/// </summary>
public sealed class SiloClusterService : OnboardingService
{
    public const int SiloCount = 2;
    private readonly string _logDirectory = Directory.CreateTempSubdirectory("onboarding-cluster").FullName;
    private readonly List<(int SiloPort, int GatewayPort)> _ports = [.. Enumerable.Range(0, SiloCount).Select(_ => (FreePorts.Next(), FreePorts.Next()))];
    private readonly SiloProcess?[] _silos = new SiloProcess?[SiloCount];
    private int _starts;

    public RedisServer Redis { get; } = new();

    /// <summary>CloudFormation's side, publishing to the customers' topics as the stand-ins' owner.</summary>
    public CloudFormationStandIn CloudFormation { get; private set; } = null!;

    public IClusterClient ClusterClient => Api.Services.GetRequiredService<IClusterClient>();

    public override async Task InitializeAsync()
    {
        await Aws.InitializeAsync();
        ServiceCredentials = await ServiceRoleCredentials.CreateAsync(Aws.StsUrl, Aws.Iam);
        await Redis.InitializeAsync();
        for (var i = 0; i < SiloCount; i++) StartSilo(i);
        StartApi(ClusterSettings());
        CloudFormation = new CloudFormationStandIn(Aws, new SnsClient(LocalAwsAccounts.Owner, Options.Create(new SnsClientOptions { ServiceUrl = Aws.AwsUrl })));
        await Eventually.TrueAsync(async () => (await ActiveSilosAsync()).Count == SiloCount, $"{SiloCount} silos to be active", TimeSpan.FromMinutes(2));
    }

    public override async Task DisposeAsync()
    {
        foreach (var silo in _silos) if (silo is not null) await silo.DisposeAsync();
        await base.DisposeAsync();
        await Redis.DisposeAsync();
    }

    /// <summary>Starts silo <paramref name="index"/> (again) on its own ports.</summary>
    public void StartSilo(int index)
    {
        var (siloPort, gatewayPort) = _ports[index];
        var settings = SiloSettings(siloPort, gatewayPort);
        foreach (var (key, value) in SiloClusterSettings(Redis.ConnectionString)) settings[key] = value;
        // As on ECS: the default chain finds the task role's temporary credentials (here in the environment).
        var credentials = ServiceCredentials.GetCredentials();
        (settings["AWS_ACCESS_KEY_ID"], settings["AWS_SECRET_ACCESS_KEY"], settings["AWS_SESSION_TOKEN"]) = (credentials.AccessKey, credentials.SecretKey, credentials.Token);
        var silo = new SiloProcess(settings, Path.Combine(_logDirectory, $"silo-{index}-{Interlocked.Increment(ref _starts)}.log"));
        silo.Start();
        _silos[index] = silo;
    }

    /// <summary>kill -9 of silo <paramref name="index"/>.</summary>
    public Task KillSiloAsync(int index) => _silos[index]!.KillAsync();

    /// <summary>Silo <paramref name="index"/>'s address in the cluster (its silo port; the generation changes at each start).</summary>
    public bool IsSilo(SiloAddress? address, int index) => address?.Endpoint.Port == _ports[index].SiloPort;

    public async Task<IReadOnlyCollection<SiloAddress>> ActiveSilosAsync() =>
        (await ClusterClient.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys;

    /// <summary>Where the grain is activated now, or null.</summary>
    public async Task<SiloAddress?> HostOfAsync(IAddressable grain) =>
        await ClusterClient.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);

    private List<KeyValuePair<string, string?>> ClusterSettings() => ApiClusterSettings(Redis.ConnectionString);

    /// <summary>The API's cluster settings here (docker-compose.yml sets the same keys, a test checks).</summary>
    public static List<KeyValuePair<string, string?>> ApiClusterSettings(string redis) =>
    [
        new("Cluster:Clustering", "Redis"),
        new("Cluster:RedisConnectionString", redis),
    ];

    /// <summary>
    /// A silo's cluster settings here, beyond its ports (docker-compose.yml sets the same keys, a test
    /// checks): Redis membership, and loopback as its address since the whole cluster is on this machine.
    /// </summary>
    public static List<KeyValuePair<string, string?>> SiloClusterSettings(string redis) =>
    [
        .. ApiClusterSettings(redis),
        new("Cluster:AdvertisedIPAddress", "127.0.0.1"),
        new("Cluster:LocalCluster", "true"),
    ];
}
