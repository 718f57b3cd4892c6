using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Orleans.Runtime;

namespace Onboarding.Tests.Integration.Cluster;

/// <summary>The fault suite's cases share one cluster, one case after another (each kills or stops silos).</summary>
[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<SiloClusterService>
{
    public const string Name = "Silo cluster";
}

/// <summary>
/// The service as a cluster: the stand-ins, Redis for membership, <see cref="SiloCount"/> silos as separate
/// OS processes on their own ports (the shipped settings, Redis clustering, a local cluster on loopback),
/// and the real API as a client reading the gateway list from Redis.
/// </summary>
public class SiloClusterService : OnboardingService
{
    private readonly string _logDirectory = Directory.CreateTempSubdirectory("onboarding-cluster").FullName;
    private List<(int SiloPort, int GatewayPort)> _ports = [];
    private SiloProcess?[] _silos = [];
    private int _starts;

    public virtual int SiloCount => 3;

    public RedisServer Redis { get; } = new();

    /// <summary>
    /// CloudFormation's side, publishing to the customers' topics as each stack's account, and waiting for an
    /// answer past a redelivery: a Create taken by a silo that then died is in the queue again after the shipped
    /// visibility timeout (a minute).
    /// </summary>
    public CloudFormationStandIn CloudFormation { get; private set; } = null!;

    /// <summary>SNS as the partner account (the owner of the service's topics), to read policies and subscribe.</summary>
    public ISnsClient Sns { get; private set; } = null!;

    public IClusterClient ClusterClient => Api.Services.GetRequiredService<IClusterClient>();

    public override async Task InitializeAsync()
    {
        await Aws.InitializeAsync();
        ServiceCredentials = await ServiceRoleCredentials.CreateAsync(Aws.StsUrl, Aws.Iam);
        await Redis.InitializeAsync();
        _ports = [.. Enumerable.Range(0, SiloCount).Select(_ => (FreePorts.Next(), FreePorts.Next()))];
        _silos = new SiloProcess?[SiloCount];
        for (var i = 0; i < SiloCount; i++) StartSilo(i);
        await StartApiOnceASiloIsUpAsync();
        Sns = new SnsClient(LocalAwsAccounts.Owner, Options.Create(new SnsClientOptions { ServiceUrl = Aws.AwsUrl }));
        CloudFormation = new CloudFormationStandIn(Aws, Sns, AnswerPolling.Default with
        {
            // Many stacks wait at once: look less often than the default (every 100 ms) so they do not flood fauxqs.
            MaxDelay = TimeSpan.FromMilliseconds(500),
            Timeout = TimeSpan.FromMinutes(4),
        });
        await Eventually.TrueAsync(async () => (await ActiveSilosAsync()).Count == SiloCount, $"{SiloCount} silos to be active", TimeSpan.FromMinutes(2));
    }

    /// <summary>
    /// The API gives up when no silo has put its gateway into Redis, or none answers there, within Cluster:ConnectRetryFor
    /// (a minute); silo processes starting on a loaded machine can take longer, so the fixture starts the API again.
    /// </summary>
    private async Task StartApiOnceASiloIsUpAsync() =>
        await Eventually.TrueAsync(async () =>
        {
            try
            {
                StartApi(ClusterSettings());
                return true;
            }
            catch (OrleansException)
            {
                await Api.DisposeAsync();
                return false;
            }
        }, "the API to find a silo's gateway in Redis", TimeSpan.FromMinutes(4));

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

    /// <summary>
    /// Each case starts from a whole cluster: a silo an earlier case killed or stopped is started again, and
    /// the case waits until the membership table shows every silo active.
    /// </summary>
    public async Task EnsureAllSilosUpAsync()
    {
        for (var i = 0; i < SiloCount; i++)
            if (_silos[i] is not { HasExited: false }) StartSilo(i);
        await Eventually.TrueAsync(async () => (await ActiveSilosAsync()).Count == SiloCount, $"all {SiloCount} silos to be active", TimeSpan.FromMinutes(2));
    }

    /// <summary>kill -9 of silo <paramref name="index"/>.</summary>
    public Task KillSiloAsync(int index) => _silos[index]!.KillAsync();

    /// <summary>SIGTERM to silo <paramref name="index"/>: a graceful stop, as a rolling deployment does; returns when it exited.</summary>
    public Task StopSiloAsync(int index) => _silos[index]!.StopAsync();

    /// <summary>Silo <paramref name="index"/>'s address in the cluster (its silo port; the generation changes at each start).</summary>
    public bool IsSilo(SiloAddress? address, int index) => address?.Endpoint.Port == _ports[index].SiloPort;

    /// <summary>Which of the fixture's silos <paramref name="address"/> is, or -1.</summary>
    public int IndexOf(SiloAddress? address) => _ports.FindIndex(p => p.SiloPort == address?.Endpoint.Port);

    public async Task<IReadOnlyCollection<SiloAddress>> ActiveSilosAsync() =>
        (await ClusterClient.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Keys;

    /// <summary>Where the grain is activated now, or null.</summary>
    public async Task<SiloAddress?> HostOfAsync(IAddressable grain) =>
        await ClusterClient.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);

    /// <summary>A new queue subscribed to the partner notifications topic (raw delivery); its URL.</summary>
    public async Task<string> SubscribeToNotificationsAsync()
    {
        using var sqs = StandInClients.Sqs(Aws);
        var url = (await sqs.CreateQueueAsync("partner-" + Guid.NewGuid().ToString("N")[..8])).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN;
        var topicArn = await Sns.CreateTopicAsync("us-east-1", "onboarding-notifications");
        await Sns.SubscribeAsync(topicArn, "sqs", arn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" });
        return url;
    }

    private List<KeyValuePair<string, string?>> ClusterSettings() => ApiClusterSettings(Redis.ConnectionString);

    /// <summary>The API's cluster settings here (docker-compose.yml sets the same keys, a test checks).</summary>
    public static List<KeyValuePair<string, string?>> ApiClusterSettings(string redis) => LocalClusterSettings.Api(redis);

    /// <summary>A silo's cluster settings here, beyond its ports (docker-compose.yml sets the same keys, a test checks).</summary>
    public static List<KeyValuePair<string, string?>> SiloClusterSettings(string redis) => LocalClusterSettings.Silo(redis);
}
