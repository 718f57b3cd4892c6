using Onboarding.Customers;
using Onboarding.Identity;
using Onboarding.Whitelist;

namespace Onboarding.Silo.Hosting;

/// <summary>
/// Makes sure the periodic work — the whitelist reconciliation, the role check sweep, the template version sweep, the in-flight
/// sweep — is scheduled once the silo runs. In the background and
/// retried: right after start the reminder service may not answer yet, and start-up must not wait for it.
/// </summary>
public sealed partial class PeriodicWorkScheduler(
    IGrainFactory grains,
    TimeProvider clock,
    ILogger<PeriodicWorkScheduler> logger) : BackgroundService
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await grains.GetGrain<IWhitelistReconcilerGrain>(0).Schedule().WaitAsync(stoppingToken);
                await grains.GetGrain<IRoleCheckSweepGrain>(0).Schedule().WaitAsync(stoppingToken);
                await grains.GetGrain<ITemplateVersionSweepGrain>(0).Schedule().WaitAsync(stoppingToken);
                await grains.GetGrain<IInFlightSweepGrain>(0).Schedule().WaitAsync(stoppingToken);
                return;
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                LogScheduleFailed(exception, RetryDelay);
                await Task.Delay(RetryDelay, clock, stoppingToken);
            }
        }
    }

    [LoggerMessage(LogLevel.Warning, "Scheduling the periodic work failed; retrying in {Delay}")]
    private partial void LogScheduleFailed(Exception exception, TimeSpan delay);
}
