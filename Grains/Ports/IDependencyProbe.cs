namespace Onboarding.Grains.Ports;

/// <summary>A cheap call that proves one dependency answers (for readiness).</summary>
public interface IDependencyProbe
{
    string Name { get; }

    /// <summary>Completes when the dependency answered; throws otherwise.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
