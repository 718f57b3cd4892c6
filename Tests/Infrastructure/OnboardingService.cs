using Amazon.Runtime;
using Onboarding.CustomerSimulation.LocalAws;
using Microsoft.Extensions.Logging;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Onboarding.Silo.Hosting;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// The whole service on the stand-ins: dynalite and fauxqs on free ports, the real silo (same wiring
/// as Silo/Program) in-process on free ports, and the real API through WebApplicationFactory. Both
/// run the shipped settings (Silo/appsettings.json, Api/appsettings.json) in the Production
/// environment, with only what a local run must change on top (<see cref="SiloSettings"/>).
/// </summary>
public class OnboardingService : IAsyncLifetime
{
    public const string PartnerAccountId = "111122223333";

    public LocalAwsStandIns Aws { get; } = new();

    /// <summary>
    /// The service's own credentials, as on ECS or EKS: temporary ones (session token and expiry) that the STS
    /// stand-in issues to the service's role in the partner account. Every AWS call of the silo signs with them.
    /// </summary>
    public ServiceRoleCredentials ServiceCredentials { get; protected set; } = null!;

    /// <summary>
    /// The long-term key (an IAM user's, AKIA…) that signs template URLs, as the README advises when the service
    /// runs on temporary credentials: a session token would push the URLs past the console's 1,024 characters.
    /// </summary>
    public static readonly string PresigningAccessKeyId = LocalAwsAccounts.AccessKeyId(PartnerAccountId);
    public IHost Silo { get; private set; } = null!;
    public WebApplicationFactory<Program> Api { get; private set; } = null!;
    public const string PartnerKey = "test-partner-key-0123456789";
    public const string OperatorKey = "test-operator-key-0123456789";
    private static readonly (string Name, string Role, string Key)[] ApiKeys =
        [("test-partner", "partner", PartnerKey), ("test-operator", "operator", OperatorKey)];

    /// <summary>An API client with the operator key (every endpoint).</summary>
    public HttpClient Client { get; private set; } = null!;

    /// <summary>An API client with the partner key.</summary>
    public HttpClient PartnerClient { get; private set; } = null!;

    /// <summary>An API client sending <paramref name="key"/> (or none).</summary>
    public HttpClient ClientWithKey(string? key)
    {
        var client = Api.CreateClient();
        if (key is not null) client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }
    public IGrainFactory Grains => Silo.Services.GetRequiredService<IGrainFactory>();
    public string TemplateBucket { get; } = "templates-" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>Settings a derived fixture adds or overrides (e.g. a lower accounts-per-topic cap).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [];

    /// <summary>API settings a derived fixture adds or overrides (e.g. a lower failed-authentication limit).</summary>
    protected virtual IEnumerable<KeyValuePair<string, string?>> ExtraApiSettings => [];

    /// <summary>Service replacements a derived fixture needs (e.g. a fault-injecting port).</summary>
    protected virtual void ConfigureSiloServices(IServiceCollection services) { }

    /// <summary>API service additions a derived fixture needs (e.g. a log capture).</summary>
    protected virtual void ConfigureApiServices(IServiceCollection services) { }

    /// <summary>What a derived fixture does on the stand-ins before the silo starts (e.g. create resources as a deployment would).</summary>
    protected virtual Task BeforeSiloStartsAsync() => Task.CompletedTask;

    /// <summary>Changes to the API's host before it starts (e.g. Kestrel on a real port, for a browser).</summary>
    protected virtual void ConfigureApiFactory(WebApplicationFactory<Program> api) { }

    /// <summary>The API's address as its test clients reach it: the base of the launch links the silo hands out.</summary>
    public static readonly Uri ApiBaseUrl = new("http://localhost/");

    private Dictionary<string, string?> _siloSettings = [];

    public virtual async Task InitializeAsync()
    {
        await Aws.InitializeAsync();
        ServiceCredentials = await ServiceRoleCredentials.CreateAsync(Aws.StsUrl, Aws.Iam);
        await BeforeSiloStartsAsync();
        var gatewayPort = FreePorts.Next();
        _siloSettings = SiloSettings(FreePorts.Next(), gatewayPort);
        Silo = await StartSiloAsync(_siloSettings);
        StartApi([new("Cluster:GatewayPort", gatewayPort.ToString())]);
    }

    /// <summary>The real API (a client of the cluster <paramref name="clusterSettings"/> name) and its test clients.</summary>
    protected void StartApi(IEnumerable<KeyValuePair<string, string?>> clusterSettings)
    {
        Api = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            // As deployed: Api/appsettings.json and no Development file (its local keys, Scalar).
            web.UseEnvironment(Environments.Production);
            web.UseContentRoot(ShippedSettings.ApiDirectory);
            foreach (var (key, value) in clusterSettings) web.UseSetting(key, value);
            foreach (var (index, (name, role, key)) in ApiKeys.Index())
            {
                web.UseSetting($"Auth:ApiKeys:{index}:Name", name);
                web.UseSetting($"Auth:ApiKeys:{index}:Role", role);
                web.UseSetting($"Auth:ApiKeys:{index}:Sha256", Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
            }
            // Every test client shares one address: the suite's wrong-key requests must not lock it out.
            web.UseSetting("Auth:MaxFailuresPerWindow", "100000");
            // Likewise every launch link the suite opens comes from that one address.
            web.UseSetting("Api:CustomerLinkRequestsPerWindow", "100000");
            foreach (var (key, value) in ExtraApiSettings) web.UseSetting(key, value);
            web.ConfigureServices(ConfigureApiServices);
        });
        ConfigureApiFactory(Api);
        Client = ClientWithKey(OperatorKey);
        PartnerClient = ClientWithKey(PartnerKey);
    }

    public virtual async Task DisposeAsync()
    {
        Client?.Dispose();
        PartnerClient?.Dispose();
        if (Api is not null) await Api.DisposeAsync();
        if (Silo is not null)
        {
            await Silo.StopAsync();
            Silo.Dispose();
        }
        await Aws.DisposeAsync();
    }

    /// <summary>
    /// Stops the silo gracefully and starts a new one on the same stand-ins, ports and tables, with <paramref name="changes"/>
    /// over its settings from now on (an operator who changed the settings and redeployed).
    /// </summary>
    public Task RestartSiloAsync(IEnumerable<KeyValuePair<string, string?>> changes)
    {
        foreach (var (key, value) in changes) _siloSettings[key] = value;
        return RestartSiloAsync();
    }

    /// <summary>Stops the silo gracefully and starts a new one on the same stand-ins and ports.</summary>
    public async Task RestartSiloAsync()
    {
        await Silo.StopAsync();
        Silo.Dispose();
        Silo = await StartSiloAsync(_siloSettings);
    }

    /// <summary>
    /// What a local run changes in Silo/appsettings.json, and nothing else: ports, the stand-ins'
    /// endpoints, a long-term key for presigning (the service itself runs on temporary credentials, see
    /// <see cref="ServiceCredentials"/>), provisioning, the test bucket and partner account, and the
    /// stand-in's S3 as one more ResponseURL origin (after the shipped ones, which stay). Plus the
    /// derived fixture's <see cref="ExtraSettings"/>.
    /// </summary>
    public Dictionary<string, string?> SiloSettings(int siloPort, int gatewayPort)
    {
        var localOrigin = ShippedSettings.NextIndex(ShippedSettings.Silo(), "Events:AllowedResponseUrlOrigins");
        var settings = new Dictionary<string, string?>
        {
            ["Cluster:SiloPort"] = siloPort.ToString(),
            ["Cluster:GatewayPort"] = gatewayPort.ToString(),
            ["Aws:Endpoints:DynamoDb"] = Aws.DynamoDbUrl.ToString(),
            ["Aws:Endpoints:Sns"] = Aws.AwsUrl.ToString(),
            ["Aws:Endpoints:Sqs"] = Aws.AwsUrl.ToString(),
            ["Aws:Endpoints:S3"] = Aws.AwsUrl.ToString(),
            ["Aws:Endpoints:Sts"] = Aws.StsUrl.ToString(),
            ["Templates:Presigning:Credentials"] = "AccessKey",
            ["Templates:Presigning:AccessKeyId"] = PresigningAccessKeyId,
            ["Templates:Presigning:SecretAccessKey"] = "local-presigning-secret",
            ["Provisioning:Enabled"] = "true",
            ["Resources:TemplateBucket"] = TemplateBucket,
            ["Onboarding:PartnerAccountId"] = PartnerAccountId,
            ["Onboarding:PublicBaseUrl"] = ApiBaseUrl.ToString(),
            [$"Events:AllowedResponseUrlOrigins:{localOrigin}"] = Aws.AwsUrl.GetLeftPart(UriPartial.Authority),
            // A stopping silo lets its receive in progress finish (EventQueuePoller never cuts one
            // off): with the shipped 20 s long poll, every fixture's stop and restart would wait it out.
            ["Events:WaitTimeSeconds"] = "1",
            // A test whose answer is not delivered at first waits for its redelivery: 10 s, 20 s, ... as shipped.
            ["Events:RetryDelay"] = "00:00:01",
        };
        foreach (var (key, value) in ExtraSettings) settings[key] = value;
        return settings;
    }

    /// <summary>Starts a silo on the shipped Silo/appsettings.json with <paramref name="settings"/> over it.</summary>
    public async Task<IHost> StartSiloAsync(IDictionary<string, string?> settings)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings
        {
            EnvironmentName = Environments.Production,
            ContentRootPath = ShippedSettings.SiloDirectory,
        });
        builder.Configuration.AddJsonFile(ShippedSettings.SiloFile, optional: false, reloadOnChange: false);
        builder.Configuration.AddInMemoryCollection(settings);
        builder.AddOnboardingSilo();
        // What the SDK's default chain finds on ECS or EKS (the shipped Aws:UseStandInCredentials is false).
        builder.Services.AddSingleton<AWSCredentials>(ServiceCredentials);
        if (Environment.GetEnvironmentVariable("ONBOARDING_TEST_LOGS") == "1") builder.Logging.AddSimpleConsole();
        ConfigureSiloServices(builder.Services);
        var host = builder.Build().ValidateConfiguration();
        await host.StartAsync();
        return host;
    }
}
