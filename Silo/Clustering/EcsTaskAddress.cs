using System.Net;
using System.Text.Json.Nodes;
using Onboarding.Silo.Configuration;

namespace Onboarding.Silo.Clustering;

/// <summary>
/// On ECS (Fargate, awsvpc) every task has its own address, known only once it runs: with
/// <c>Cluster:AdvertisedIPAddressSource=EcsTaskMetadata</c> the silo reads it from the task metadata endpoint
/// (version 4, whose URL ECS puts in <see cref="MetadataUriVariable"/>) and advertises it as
/// <c>Cluster:AdvertisedIPAddress</c>, before the cluster settings are validated.
/// </summary>
public static class EcsTaskAddress
{
    public const string MetadataUriVariable = "ECS_CONTAINER_METADATA_URI_V4";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>Adds the task's address to <paramref name="configuration"/> when it is to come from the metadata endpoint.</summary>
    /// <exception cref="ConfigurationException">The endpoint is not there or says no address.</exception>
    public static void Advertise(IConfigurationManager configuration)
    {
        var section = ClusterHostingOptions.SectionName;
        if (configuration[$"{section}:{nameof(ClusterHostingOptions.AdvertisedIPAddressSource)}"] != ClusterHostingOptions.EcsTaskMetadata) return;
        if (!string.IsNullOrWhiteSpace(configuration[$"{section}:{nameof(ClusterHostingOptions.AdvertisedIPAddress)}"]))
            throw new ConfigurationException([$"{section}:AdvertisedIPAddress must not be set when {section}:AdvertisedIPAddressSource is {ClusterHostingOptions.EcsTaskMetadata}: the task's own address is advertised."]);
        if (!Uri.TryCreate(configuration[MetadataUriVariable], UriKind.Absolute, out var metadata))
            throw new ConfigurationException([$"{section}:AdvertisedIPAddressSource is {ClusterHostingOptions.EcsTaskMetadata}, but {MetadataUriVariable} is not set: "
                + "not an ECS task (Fargate platform 1.4 or later, or ECS agent 1.39 or later)."]);

        string document;
        try
        {
            using var http = new HttpClient { Timeout = Timeout };
            document = http.GetStringAsync(metadata).GetAwaiter().GetResult();
        }
        catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
        {
            throw new ConfigurationException([$"{section}:AdvertisedIPAddressSource is {ClusterHostingOptions.EcsTaskMetadata}, but the task metadata endpoint did not answer ({exception.GetType().Name})."]);
        }
        var address = AddressIn(document)
            ?? throw new ConfigurationException([$"{section}:AdvertisedIPAddressSource is {ClusterHostingOptions.EcsTaskMetadata}, but the task metadata names no IPv4 address (the task needs network mode awsvpc)."]);
        configuration.AddInMemoryCollection([KeyValuePair.Create($"{section}:{nameof(ClusterHostingOptions.AdvertisedIPAddress)}", (string?)address)]);
    }

    /// <summary>The container's first IPv4 address on an awsvpc network in a container metadata (v4) document, or null.</summary>
    public static string? AddressIn(string containerMetadataJson)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(containerMetadataJson);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
        var networks = (root as JsonObject)?["Networks"] as JsonArray ?? [];
        return networks.OfType<JsonObject>()
            .Where(n => (string?)n["NetworkMode"] == "awsvpc")
            .SelectMany(n => (n["IPv4Addresses"] as JsonArray ?? []).Select(a => a?.GetValueKind() == System.Text.Json.JsonValueKind.String ? (string?)a : null))
            .FirstOrDefault(a => IPAddress.TryParse(a, out var ip) && ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork);
    }
}
