using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onboarding.Grains.Ports;
using Onboarding.Silo.Events;

namespace Onboarding.Tests.Infrastructure.Events;

/// <summary>The responder as the silo registers it, with millisecond backoff for tests.</summary>
internal static class ResponderFactory
{
    public static (ServiceProvider Services, ICloudFormationResponder Responder) Create(
        int maxAttempts = 4, TimeSpan? attemptTimeout = null, TimeSpan? totalTimeout = null, CapturedLogs? logs = null)
    {
        var services = new ServiceCollection()
            .AddLogging(logging =>
            {
                if (logs is not null) logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace);
            })
            .AddCloudFormationResponder(options =>
            {
                options.MaxAttempts = maxAttempts;
                options.BaseDelay = TimeSpan.FromMilliseconds(1);
                options.MaxDelay = TimeSpan.FromMilliseconds(5);
                options.AttemptTimeout = attemptTimeout ?? TimeSpan.FromSeconds(10);
                options.TotalTimeout = totalTimeout;
            })
            .BuildServiceProvider();
        return (services, services.GetRequiredService<ICloudFormationResponder>());
    }
}
