using System.Text.Json.Serialization;
using Microsoft.Extensions.Options;
using Orleans.Dashboard;
using Scalar.AspNetCore;
using Onboarding.Api.Auth;
using Onboarding.Api.Cluster;
using Onboarding.Api.CustomerLinks;
using Onboarding.Api.Customers;
using Onboarding.Api.Organizations;
using Onboarding.Api.Operations;
using Onboarding.Api.Health;
using Onboarding.Api.Pages.Console;
using Onboarding.Api.Pages.Invitations;
using Onboarding.Api.Pages.Layout;
using Onboarding.Api.Pages.Onboarding;
using Onboarding.Api.Problems;
using Onboarding.Api.Telemetry;

namespace Onboarding.Api.Hosting;

/// <summary>The API's wiring: an Orleans client, JSON conventions, problem+json, validated options.</summary>
public static class OnboardingApiBuilderExtensions
{
    public static WebApplicationBuilder AddOnboardingApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ApiOptions>().BindConfiguration(ApiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiOptions>, ApiOptionsValidator>();
        services.AddOptions<PageOptions>().BindConfiguration(PageOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<PageOptions>, PageOptionsValidator>();
        services.AddSingleton<PageLayout>();
        services.AddOptions<HealthOptions>().BindConfiguration(HealthOptions.SectionName);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter()));
        services.AddProblemDetails();
        services.AddExceptionHandler<UnavailableExceptionHandler>();
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<DashboardInputExceptionHandler>();
        // Binding failures throw in every environment (not only Development), so they all reach the
        // handler above and read alike: 400 invalid-request naming the parameter.
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddApiKeyAuthentication();
        services.AddConsoleSession();
        services.AddRateLimiter(limits =>
        {
            limits.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limits.AddPolicy<string, CustomerLinkRateLimitPolicy>(CustomerLinkRateLimitPolicy.Name);
            limits.AddPolicy<string, OnboardingStatusRateLimitPolicy>(OnboardingStatusRateLimitPolicy.Name);
        });
        services.AddOpenApi(options =>
        {
            options.AddDocumentTransformer<ApiKeySecuritySchemeTransformer>();
            options.AddOperationTransformer<ApiKeySecuritySchemeTransformer>();
            options.AddSchemaTransformer<OpenApiExamplesTransformer>();
        });

        builder.AddApiTelemetry();

        builder.AddOnboardingClusterClient();
        return builder;
    }

    public const string DashboardPath = "/dashboard";

    public static WebApplication MapOnboardingApi(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseApiTelemetry();
        app.MapOpenApi();
        app.MapHealthEndpoints();
        app.MapCustomerEndpoints();
        app.MapOrganizationEndpoints();
        app.MapLaunchLinkEndpoints();
        app.MapPageAssets();
        app.MapOnboardingPageEndpoints();
        app.MapInvitationEndpoints();
        app.MapConsoleEndpoints();
        app.MapStatsEndpoints();
        // The dashboard has no authentication of its own: operators only.
        app.MapOrleansDashboard(DashboardPath).RequireAuthorization(ApiRoles.OperatorPolicy);
        if (app.Environment.IsDevelopment()) app.MapScalarApiReference();
        return app;
    }
}
