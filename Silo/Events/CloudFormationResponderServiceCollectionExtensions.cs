using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Retries;

namespace Onboarding.Silo.Events;

public static class CloudFormationResponderServiceCollectionExtensions
{
    /// <summary>How long pooled connections live, so DNS changes of S3 endpoints are picked up.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Registers <see cref="ICloudFormationResponder"/> (a singleton) on a named HttpClient that never
    /// follows redirects, whose resilience handler retries and times each attempt (handlers added to the
    /// client later run once per attempt). Its <see cref="HttpRetryOptions"/> are named
    /// <see cref="HttpCloudFormationResponder.HttpClientName"/> and validated when the responder is first
    /// resolved; bind them from configuration where the host is built.
    /// </summary>
    public static IServiceCollection AddCloudFormationResponder(this IServiceCollection services, Action<HttpRetryOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<HttpRetryOptions>(HttpCloudFormationResponder.HttpClientName);
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<HttpRetryOptions>, HttpRetryOptionsValidator>());

        services.AddHttpClient(HttpCloudFormationResponder.HttpClientName)
            // No client-wide timeout: the pipeline times each attempt and the caller bounds the whole.
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = PooledConnectionLifetime,
            })
            // The factory's default loggers write the full request URL, presigned signature included.
            .RemoveAllLoggers()
            .AddResilienceHandler("retries", HttpCloudFormationResponder.ConfigureRetries);

        services.TryAddSingleton<ICloudFormationResponder, HttpCloudFormationResponder>();
        return services;
    }
}
