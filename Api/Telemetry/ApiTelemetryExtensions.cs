using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Orleans.Diagnostics;
using Onboarding.Api.Auth;
using Onboarding.Api.CustomerLinks;
using Onboarding.Telemetry;

namespace Onboarding.Api.Telemetry;

public static class ApiTelemetryExtensions
{
    public const string MetricsPath = "/metrics";

    /// <summary>Traces from the HTTP request into the grain calls it makes; HTTP and runtime metrics.</summary>
    public static WebApplicationBuilder AddApiTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<ApiTelemetryOptions>().BindConfiguration(ApiTelemetryOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<ApiTelemetryOptions>, ApiTelemetryOptionsValidator>();
        var options = builder.Configuration.GetSection(ApiTelemetryOptions.SectionName).Get<ApiTelemetryOptions>() ?? new();
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(options.ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddAspNetCoreInstrumentation().AddRuntimeInstrumentation().AddPrometheusExporter();
                if (options.OtlpEndpoint is { } otlp) metrics.AddOtlpExporter(o => o.Endpoint = otlp);
            });
        // Spans only when something receives them: creating them costs CPU on every request.
        if (options.OtlpEndpoint is { } endpoint)
        {
            telemetry.WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(o =>
                {
                    o.Filter = http => !http.Request.Path.StartsWithSegments("/health");
                    // A customer link's path holds its token: spans record the route instead.
                    o.EnrichWithHttpRequest = (activity, request) =>
                    {
                        if (CustomerLinkRedaction.RedactedPath(request.Path) is { } path) activity.SetTag("url.path", path);
                    };
                })
                .AddSource(ActivitySources.ApplicationGrainActivitySourceName)
                .AddOtlpExporter(o => o.Endpoint = endpoint));
        }
        return builder;
    }

    /// <summary>
    /// Hands the HTTP request's id to the grains it calls (Orleans RequestContext), so the silo's log
    /// lines about this request carry it; and serves /metrics to operators.
    /// </summary>
    public static WebApplication UseApiTelemetry(this WebApplication app)
    {
        app.Use((http, next) =>
        {
            RequestContext.Set(RequestIds.ContextKey, http.TraceIdentifier);
            return next(http);
        });
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(ApiRoles.OperatorPolicy);
        return app;
    }
}
