namespace Onboarding.Bench.Driving;

/// <summary>What a customer starts an onboarding against: the service (through its API) or the floor (direct SDK calls).</summary>
public interface IOnboardingTarget
{
    /// <summary>Starts the onboarding of <paramref name="accountId"/>; returns its launch (quick-create) URL.</summary>
    Task<Uri> StartAsync(string accountId, CancellationToken cancellationToken);
}
