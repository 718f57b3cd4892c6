using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Outages;

/// <summary>
/// The service on stand-ins of its own, which its tests pause (SIGSTOP) and resume: pausing is global to
/// the fixture, so these tests share a collection no one else uses. The poller's warnings are captured.
/// </summary>
public sealed class OutageService : OnboardingService
{
    public CapturedLogs Logs { get; } = new();

    /// <summary>
    /// One receive before the dead-letter queue: a message that went back to the queue on an outage would be
    /// dead-lettered at its next receive, so the tests see at once whether an outage spends receive counts.
    /// </summary>
    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Resources:EventsMaxReceiveCount", "1")];

    protected override void ConfigureSiloServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(Logs);
}

[CollectionDefinition(Name)]
public sealed class OutageCollection : ICollectionFixture<OutageService>
{
    public const string Name = "outages";
}
