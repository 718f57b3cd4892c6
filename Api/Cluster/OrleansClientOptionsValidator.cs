using Microsoft.Extensions.Options;

namespace Onboarding.Api.Cluster;

/// <summary>Fails start-up with one message per wrong "Cluster" setting of the API.</summary>
public sealed class OrleansClientOptionsValidator : IValidateOptions<OrleansClientOptions>
{
    public ValidateOptionsResult Validate(string? name, OrleansClientOptions options)
    {
        var failures = new List<string>();
        var section = OrleansClientOptions.SectionName;
        if (options.Clustering is not (OrleansClientOptions.Localhost or OrleansClientOptions.Redis))
            failures.Add($"{section}:Clustering must be Localhost or Redis, as the silos' (got '{options.Clustering}').");
        if (options.IsRedis && string.IsNullOrWhiteSpace(options.RedisConnectionString))
            failures.Add($"{section}:RedisConnectionString is required when {section}:Clustering is Redis: the silos' membership table (e.g. redis.internal:6379).");
        if (string.IsNullOrWhiteSpace(options.ClusterId)) failures.Add($"{section}:ClusterId must not be empty.");
        if (string.IsNullOrWhiteSpace(options.ServiceId)) failures.Add($"{section}:ServiceId must not be empty.");
        if (!options.IsRedis && options.GatewayPort is < 1 or > 65535)
            failures.Add($"{section}:GatewayPort must be a TCP port (got {options.GatewayPort}).");
        if (options.ConnectRetryFor < TimeSpan.Zero || options.ConnectRetryFor > TimeSpan.FromHours(1))
            failures.Add($"{section}:ConnectRetryFor must be between 0 and 1 hour (got {options.ConnectRetryFor}).");
        if (options.GatewayListRefreshPeriod < TimeSpan.FromSeconds(1) || options.GatewayListRefreshPeriod > TimeSpan.FromMinutes(10))
            failures.Add($"{section}:GatewayListRefreshPeriod must be between 1 second and 10 minutes (got {options.GatewayListRefreshPeriod}).");
        if (options.RetryFor < TimeSpan.Zero || options.RetryFor > TimeSpan.FromMinutes(1))
            failures.Add($"{section}:RetryFor must be between 0 and 1 minute (got {options.RetryFor}).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
