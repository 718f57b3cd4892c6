using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Grains.Telemetry;
using Onboarding.Silo.Telemetry;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Hosting;

/// <summary>The service with the silo's Prometheus endpoint on (the shipped settings leave it off).</summary>
public sealed class TelemetryService : OnboardingService
{
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Telemetry:PrometheusPort", FreePorts.Next().ToString())];
}

/// <summary>
/// Runs alone, after every parallel collection. OpenTelemetry merges the same-named instruments of
/// every host in the process (each fixture's API has its own "Microsoft.AspNetCore.Hosting" meter,
/// each silo its own "Onboarding" meter) into one stream per exporter, and drops that stream for good
/// when any one of those hosts stops: a fixture finishing in parallel would empty these scrapes.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class TelemetryCollection : ICollectionFixture<TelemetryService>
{
    public const string Name = "telemetry";
}

/// <summary>The funnel and event metrics of the silo under test (only its own meters), and both scrape endpoints.</summary>
[Collection(TelemetryCollection.Name)]
public sealed class TelemetryTests(TelemetryService service)
{
    [Fact]
    public async Task An_onboarding_to_active_is_counted_once_with_its_event_outcome_and_answer_latency()
    {
        using var recorded = new RecordedMeasurements(service.Silo.Services.GetRequiredService<IMeterFactory>());
        var events = new StackEvents(service);

        var (_, stack, _) = await events.StartAndLaunchAsync();
        await events.CreateAsync(stack);

        Assert.Equal(1, recorded.Sum("onboarding.started"));
        Assert.Equal(1, recorded.Sum("onboarding.activated"));
        Assert.Equal(0, recorded.Sum("onboarding.removed"));
        // The poller counts a message once it deleted it, just after CloudFormation got the answer.
        await Eventually.TrueAsync(() => recorded.Sum("onboarding.events.processed", ("request_type", "Create"), ("outcome", "success")) >= 1,
            "the Create message counted as processed");
        Assert.True(recorded.Count("onboarding.cloudformation.answer.duration") >= 1);
        Assert.True(recorded.Count("onboarding.events.queue.lag") >= 1);
    }

    [Fact]
    public async Task The_silo_serves_its_metrics_to_a_prometheus_scraper()
    {
        var port = service.Silo.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusPort;
        var started = await service.PartnerClient.PostAsync("/customers", System.Net.Http.Json.JsonContent.Create(new { accountId = TestAccounts.Next() }));
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        using var http = new HttpClient();

        var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");

        Assert.Contains("onboarding_started", text);
        Assert.Contains("# TYPE", text);
    }

    [Fact]
    public async Task The_api_serves_http_metrics_to_operators()
    {
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync("/stats")).StatusCode);

        // A request's duration is recorded as the request ends, which can be just after its client
        // has read the answer: wait for the /stats series itself.
        await Eventually.TrueAsync(async () =>
        {
            var response = await service.Client.GetAsync("/metrics");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return (await response.Content.ReadAsStringAsync()).Split('\n')
                .Any(line => line.StartsWith("http_server_request_duration", StringComparison.Ordinal) && line.Contains("http_route=\"/stats\"", StringComparison.Ordinal));
        }, "the /stats request's duration in the API's metrics");
    }

    /// <summary>Listens to the "Onboarding" meters created by one silo's meter factory only.</summary>
    private sealed class RecordedMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public RecordedMeasurements(IMeterFactory scope)
        {
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Name == OnboardingMetrics.MeterName && ReferenceEquals(instrument.Meter.Scope, scope))
                    listener.EnableMeasurementEvents(instrument);
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public double Sum(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Sum(m => m.Value);

        public int Count(string name) => Matching(name, []).Count();

        private IEnumerable<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string name, (string Key, string Value)[] tags) =>
            _measurements.Where(m => m.Name == name && tags.All(t => m.Tags.Any(x => x.Key == t.Key && Equals(x.Value, t.Value))));

        public void Dispose() => _listener.Dispose();
    }
}
