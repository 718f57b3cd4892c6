using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Onboarding.Api.Cluster;

/// <summary>The API as a client of the cluster: the one local silo by default, or every silo in the Redis membership table.</summary>
public static class ClusterClientExtensions
{
    public static WebApplicationBuilder AddOnboardingClusterClient(this WebApplicationBuilder builder)
    {
        // Needed before the host is built, so checked here by the validator that names each wrong setting.
        var orleans = builder.Configuration.GetSection(OrleansClientOptions.SectionName).Get<OrleansClientOptions>() ?? new();
        var result = new OrleansClientOptionsValidator().Validate(null, orleans);
        if (result.Failed) throw new OptionsValidationException(Options.DefaultName, typeof(OrleansClientOptions), result.Failures ?? []);

        builder.Services.AddOptions<OrleansClientOptions>().BindConfiguration(OrleansClientOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<OrleansClientOptions>, OrleansClientOptionsValidator>();
        builder.Services.TryAddSingleton(TimeProvider.System);
        // One instance: the client notifies it, the calls wait on it.
        var losses = new SiloLossSignal();
        builder.Services.AddSingleton(losses);
        builder.Services.AddSingleton<IdempotentClusterCalls>();
        builder.UseOrleansClient(client =>
        {
            client.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (orleans.ClusterId, orleans.ServiceId));
            if (orleans.IsRedis) client.UseRedisClustering(orleans.RedisConnectionString!);
            else client.UseLocalhostClustering(orleans.GatewayPort);
            client.Configure<GatewayOptions>(o => o.GatewayListRefreshPeriod = orleans.GatewayListRefreshPeriod);
            client.AddClusterConnectionStatusObserver(losses);
            client.UseConnectionRetryFilter(new RetryUntil(orleans.ConnectRetryFor).ShouldRetryAsync);
            client.AddDashboard();
            client.AddActivityPropagation();
        });
        return builder;
    }

    /// <summary>Retries connecting to the cluster with a short pause until a deadline.</summary>
    private sealed class RetryUntil(TimeSpan window)
    {
        private static readonly TimeSpan Pause = TimeSpan.FromMilliseconds(500);
        private readonly DateTimeOffset _deadline = DateTimeOffset.UtcNow + window;

        public async Task<bool> ShouldRetryAsync(Exception exception, CancellationToken cancellationToken)
        {
            if (DateTimeOffset.UtcNow >= _deadline) return false;
            await Task.Delay(Pause, cancellationToken);
            return true;
        }
    }
}
