using Amazon.DynamoDBv2;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Orleans.Runtime.Hosting;

namespace Onboarding.Silo.Storage;

public static class DynamoDbGrainStorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers a named DynamoDB grain storage. Its options are the named <see cref="DynamoDbGrainStorageOptions"/>
    /// <paramref name="name"/>, validated at start-up; the <see cref="IAmazonDynamoDB"/> client comes from DI. The
    /// table is not created here (see <see cref="DynamoDbGrainStorageTable.EnsureCreatedAsync"/>).
    /// </summary>
    public static IServiceCollection AddDynamoDbGrainStorage(
        this IServiceCollection services,
        string name,
        Action<OptionsBuilder<DynamoDbGrainStorageOptions>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);

        var options = services.AddOptions<DynamoDbGrainStorageOptions>(name);
        configure?.Invoke(options);
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDbGrainStorageOptions>, DynamoDbGrainStorageOptionsValidator>());

        return services.AddGrainStorage(name, (sp, storageName) => new DynamoDbGrainStorage(
            storageName,
            sp.GetRequiredService<IOptionsMonitor<DynamoDbGrainStorageOptions>>().Get(storageName),
            sp.GetRequiredService<IAmazonDynamoDB>(),
            sp.GetRequiredService<ILogger<DynamoDbGrainStorage>>(),
            sp.GetService<TimeProvider>()));
    }
}
