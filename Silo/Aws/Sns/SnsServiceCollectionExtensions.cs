using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Onboarding.Silo.Aws.Sns;

public static class SnsServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="ISnsClient"/> as a singleton. Credentials: an <see cref="AWSCredentials"/>
    /// registered in DI if there is one, else the SDK's default credential chain (environment, profile,
    /// container/instance role). Options are validated when the client is first resolved.
    /// </summary>
    public static IServiceCollection AddSnsClient(this IServiceCollection services, Action<SnsClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<SnsClientOptions>();
        if (configure is not null) options.Configure(configure);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<SnsClientOptions>, SnsClientOptionsValidator>());
        services.TryAddSingleton<ISnsClient>(provider => new SnsClient(
            provider.GetService<AWSCredentials>() ?? DefaultAWSCredentialsIdentityResolver.GetCredentials(),
            provider.GetRequiredService<IOptions<SnsClientOptions>>(),
            provider.GetService<ILogger<SnsClient>>()));
        return services;
    }
}
