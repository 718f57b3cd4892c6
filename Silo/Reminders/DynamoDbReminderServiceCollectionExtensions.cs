using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Hosting;

namespace Onboarding.Silo.Reminders;

public static class DynamoDbReminderServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Orleans reminder service with <see cref="DynamoDbReminderTable"/> as its table. Options are validated at
    /// start-up; a blank <see cref="DynamoDbReminderTableOptions.ServiceId"/> takes <c>ClusterOptions.ServiceId</c>. The
    /// <c>IAmazonDynamoDB</c> client comes from DI. The table is not created here (see
    /// <see cref="DynamoDbReminderTableSchema.EnsureCreatedAsync"/>).
    /// </summary>
    public static IServiceCollection AddDynamoDbReminders(
        this IServiceCollection services,
        Action<OptionsBuilder<DynamoDbReminderTableOptions>>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<DynamoDbReminderTableOptions>();
        configure?.Invoke(options);
        options.PostConfigure<IOptions<ClusterOptions>>((reminders, cluster) =>
        {
            if (string.IsNullOrWhiteSpace(reminders.ServiceId)) reminders.ServiceId = cluster.Value.ServiceId;
        });
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<DynamoDbReminderTableOptions>, DynamoDbReminderTableOptionsValidator>());

        services.AddReminders();
        services.AddSingleton<IReminderTable, DynamoDbReminderTable>();
        return services;
    }
}
