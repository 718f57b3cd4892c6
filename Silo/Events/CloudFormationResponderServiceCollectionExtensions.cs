using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Onboarding.Grains.Ports;

namespace Onboarding.Silo.Events;

public static class CloudFormationResponderServiceCollectionExtensions
{
    /// <summary>How long pooled connections live, so DNS changes of S3 endpoints are picked up.</summary>
    private static readonly TimeSpan PooledConnectionLifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Registers <see cref="ICloudFormationResponder"/> (a singleton) on a named HttpClient that never
    /// follows redirects and has no per-client timeout (the responder times each attempt). Options are
    /// validated when the responder is first resolved; bind them from configuration where the host is built.
    /// </summary>
    public static IServiceCollection AddCloudFormationResponder(this IServiceCollection services, Action<CloudFormationResponderOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<CloudFormationResponderOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<CloudFormationResponderOptions>, CloudFormationResponderOptionsValidator>());

        services.AddHttpClient(HttpCloudFormationResponder.HttpClientName)
            .ConfigureHttpClient(http => http.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                AllowAutoRedirect = false,
                UseCookies = false,
                PooledConnectionLifetime = PooledConnectionLifetime,
            })
            // The factory's default loggers write the full request URL, presigned signature included.
            .RemoveAllLoggers();

        services.TryAddSingleton<ICloudFormationResponder, HttpCloudFormationResponder>();
        return services;
    }
}
