using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Onboarding.Api.Auth;

public static class ApiKeyAuthenticationExtensions
{
    /// <summary>API-key authentication, role policies, validated key configuration.</summary>
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services)
    {
        services.AddOptions<ApiKeyOptions>().BindConfiguration(ApiKeyOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ApiKeyOptions>, ApiKeyOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<FailedAuthenticationLimiter>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoles.PartnerPolicy, p => p.RequireRole(ApiRoles.Partner, ApiRoles.Operator))
            .AddPolicy(ApiRoles.OperatorPolicy, p => p.RequireRole(ApiRoles.Operator));
        return services;
    }
}
