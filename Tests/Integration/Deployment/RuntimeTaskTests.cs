using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Silo.Clustering;
using Onboarding.Silo.Configuration;
using Onboarding.Silo.Hosting;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Deployment;

namespace Onboarding.Tests.Integration.Deployment;

/// <summary>
/// The optional runtime of deploy/onboarding.yaml, checked without AWS: the silo task's environment passes the silo's
/// own start-up validation, advertising the address its (local stand-in of the) ECS task metadata endpoint gives, and
/// it carries the same settings as the outputs; the API task joins the same cluster.
/// </summary>
public sealed class RuntimeTaskTests
{
    private static readonly DeployedStack Stack = DeploymentTemplate.Load().Deploy("111122223333", "eu-west-1", new Dictionary<string, string>
    {
        ["DeployRuntime"] = "true",
        ["PublicBaseUrl"] = "https://onboarding.example.com/",
        ["PartnerApiKeySha256"] = new string('a', 64),
        ["OperatorApiKeySha256"] = new string('b', 64),
    });

    [Fact]
    public async Task The_silo_task_passes_the_silos_start_up_validation_advertising_its_own_task_address()
    {
        using var metadata = new TaskMetadataEndpoint("10.0.2.106");
        var environment = Environment("SiloTaskDefinition");
        environment[EcsTaskAddress.MetadataUriVariable] = metadata.Uri.ToString();

        using var host = SiloHost(environment);
        host.ValidateConfiguration();

        Assert.Equal("10.0.2.106", host.Services.GetRequiredService<IConfiguration>()["Cluster:AdvertisedIPAddress"]);
        Assert.Equal(1, metadata.Requests);
    }

    [Fact]
    public void A_silo_told_to_advertise_its_task_address_outside_ECS_stops_naming_the_setting()
    {
        var environment = Environment("SiloTaskDefinition");

        var problems = ConfigurationProblems.Of(Assert.ThrowsAny<Exception>(() => SiloHost(environment)));

        Assert.Contains(problems, p => p.StartsWith("Cluster:AdvertisedIPAddressSource is EcsTaskMetadata, but ECS_CONTAINER_METADATA_URI_V4 is not set", StringComparison.Ordinal));
    }

    [Fact]
    public void The_silo_task_carries_every_setting_the_outputs_give()
    {
        var environment = Environment("SiloTaskDefinition");

        foreach (var (key, value) in Stack.Settings())
        {
            Assert.True(environment.TryGetValue(key, out var set), $"the silo task does not set {key}");
            Assert.Equal(value, set);
        }
    }

    [Fact]
    public void The_api_task_joins_the_silos_cluster_and_calls_no_AWS_service()
    {
        var silo = Environment("SiloTaskDefinition");
        var api = Environment("ApiTaskDefinition");

        foreach (var key in new[] { "Cluster__Clustering", "Cluster__ClusterId", "Cluster__ServiceId", "Cluster__RedisConnectionString" })
            Assert.Equal(silo[key], api[key]);
        Assert.Equal("Redis", api["Cluster__Clustering"]);
        Assert.Null(Stack.Template.Properties("ApiTaskDefinition")["TaskRoleArn"]);
        Assert.Equal(Stack.GetAtt("ServiceRole", "Arn"), Stack.Text(Stack.Template.Properties("SiloTaskDefinition")["TaskRoleArn"]));
    }

    /// <summary>The container's environment as ECS sets it: its variables, and its secrets (here a stand-in value).</summary>
    private static Dictionary<string, string> Environment(string taskDefinition)
    {
        var container = Stack.Template.Properties(taskDefinition)["ContainerDefinitions"]![0]!;
        var environment = (container["Environment"]?.AsArray() ?? [])
            .ToDictionary(e => Stack.Text(e!["Name"]), e => Stack.Text(e!["Value"]));
        foreach (var secret in container["Secrets"]?.AsArray() ?? []) environment[Stack.Text(secret!["Name"])] = "secret-from-secrets-manager";
        return environment;
    }

    private static IHost SiloHost(Dictionary<string, string> environment)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings { EnvironmentName = environment["DOTNET_ENVIRONMENT"] });
        builder.Configuration.AddJsonFile(ShippedSettings.SiloFile, optional: false, reloadOnChange: false);
        builder.Configuration.AddInMemoryCollection(environment.Select(e => KeyValuePair.Create(e.Key.Replace("__", ":", StringComparison.Ordinal), (string?)e.Value)));
        builder.AddOnboardingSilo();
        return builder.Build();
    }

    /// <summary>The ECS task metadata endpoint (version 4) of one Fargate container, on loopback.</summary>
    private sealed class TaskMetadataEndpoint : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly string _document;
        private int _requests;

        public TaskMetadataEndpoint(string address)
        {
            Uri = new Uri($"http://127.0.0.1:{FreePorts.Next()}/v4/{Guid.NewGuid():N}");
            _listener.Prefixes.Add(Uri.GetLeftPart(UriPartial.Authority) + "/");
            _document = new JsonObject
            {
                ["Name"] = "silo",
                ["Networks"] = new JsonArray(new JsonObject { ["NetworkMode"] = "awsvpc", ["IPv4Addresses"] = new JsonArray(address) }),
            }.ToJsonString();
            _listener.Start();
            _ = ServeAsync();
        }

        public Uri Uri { get; }

        public int Requests => Volatile.Read(ref _requests);

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception) when (!_listener.IsListening)
                {
                    return;
                }
                var found = context.Request.Url?.AbsolutePath == Uri.AbsolutePath;
                if (found) Interlocked.Increment(ref _requests);
                context.Response.StatusCode = found ? 200 : 404;
                var body = Encoding.UTF8.GetBytes(found ? _document : "");
                await context.Response.OutputStream.WriteAsync(body);
                context.Response.Close();
            }
        }
    }
}
