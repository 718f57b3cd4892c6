using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Telemetry;
using Onboarding.Silo.Telemetry;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Hosting;

/// <summary>The funnel and event metrics of the silo under test (only its own meters), and both scrape endpoints.</summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed class TelemetryTests(OnboardingService service)
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
        // The poller counts a message once it deleted it, just after CloudFormation got the answer;
        // it may also still be retrying an earlier test's message, hence "at least".
        await Eventually(() => recorded.Sum("onboarding.events.processed", ("request_type", "Create"), ("outcome", "success")) >= 1);
        Assert.True(recorded.Count("onboarding.cloudformation.answer.duration") >= 1);
        Assert.True(recorded.Count("onboarding.events.queue.lag") >= 1);
    }

    private static async Task Eventually(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!condition() && DateTime.UtcNow < deadline) await Task.Delay(20);
        Assert.True(condition());
    }

    [Fact]
    public async Task The_silo_serves_its_metrics_to_a_prometheus_scraper()
    {
        var port = service.Silo.Services.GetRequiredService<IOptions<TelemetryOptions>>().Value.PrometheusPort;
        await service.PartnerClient.PostAsync("/customers", System.Net.Http.Json.JsonContent.Create(new { accountId = TestAccounts.Next() }));
        using var http = new HttpClient();

        var text = await http.GetStringAsync($"http://127.0.0.1:{port}/metrics");

        Assert.Contains("onboarding_started", text);
        Assert.Contains("# TYPE", text);
    }

    [Fact]
    public async Task The_api_serves_http_metrics_to_operators()
    {
        await service.Client.GetAsync("/stats");

        var response = await service.Client.GetAsync("/metrics");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("http_server_request_duration", await response.Content.ReadAsStringAsync());
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
