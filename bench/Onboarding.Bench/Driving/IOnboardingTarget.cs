namespace Onboarding.Bench.Driving;

/// <summary>What a customer starts an onboarding against: the service (through its API) or the floor (direct SDK calls).</summary>
public interface IOnboardingTarget
{
    /// <summary>Starts the onboarding of <paramref name="accountId"/>; returns the launch link handed to the customer.</summary>
    Task<Uri> StartAsync(string accountId, CancellationToken cancellationToken);

    /// <summary>What the customer's browser lands on when opening <paramref name="launchLink"/>: the quick-create URL.</summary>
    Task<Uri> OpenLaunchLinkAsync(Uri launchLink, CancellationToken cancellationToken);
}
