using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Onboarding.Grains.Telemetry;
using Onboarding.Silo.Events;

namespace Onboarding.Silo.Telemetry;

public static class SiloTelemetryExtensions
{
    /// <summary>
    /// Traces (incoming grain calls, the events poller, every AWS call as an outgoing HTTP request)
    /// and metrics (the funnel, events, Orleans, .NET runtime), exported over OTLP and/or served for
    /// Prometheus as configured.
    /// </summary>
    public static IHostApplicationBuilder AddOnboardingTelemetry(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<TelemetryOptions>().BindConfiguration(TelemetryOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<Microsoft.Extensions.Options.IValidateOptions<TelemetryOptions>, TelemetryOptionsValidator>();
        builder.Services.AddSingleton<OnboardingMetrics>();
        builder.Services.AddSingleton<EventMetrics>();

        // Exporters are chosen at start-up; the validator above reports a wrong value before anything listens.
        var options = builder.Configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new();
        // Nothing is collected that nobody exports: spans and aggregation cost CPU on every call
        // (about 2 ms per onboarding in bench/, see docs/benchmarks.md).
        if (options.OtlpEndpoint is null && options.PrometheusPort == 0) return builder;
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(OnboardingMetrics.MeterName, "Microsoft.Orleans")
                    .AddRuntimeInstrumentation()
                    .AddHttpClientInstrumentation();
                if (options.OtlpEndpoint is { } otlp) metrics.AddOtlpExporter(o => o.Endpoint = otlp);
                if (options.PrometheusPort > 0)
                    metrics.AddPrometheusHttpListener(o => (o.Host, o.Port) = (options.PrometheusHost, options.PrometheusPort));
            });
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(ActivitySources.ApplicationGrainActivitySourceName, ActivitySources.RuntimeActivitySourceName, EventMetrics.ActivitySourceName)
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }
        return builder;
    }
}
