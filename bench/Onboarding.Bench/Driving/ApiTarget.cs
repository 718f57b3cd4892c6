using Onboarding.CustomerSimulation.Customers;

namespace Onboarding.Bench.Driving;

/// <summary>The service: POST /customers through the real API, then its launch link (a 302), over loopback HTTP.</summary>
public sealed class ApiTarget(OnboardingApiClient api, LaunchLinkOpener launchLinks, string region) : IOnboardingTarget
{
    public async Task<Uri> StartAsync(string accountId, CancellationToken cancellationToken)
    {
        var view = await api.StartAsync(accountId, region, reference: null, cancellationToken);
        return new Uri(view.GetProperty("launchUrl").GetString()
            ?? throw new InvalidOperationException($"The view of {accountId} has no launch URL."));
    }

    public Task<Uri> OpenLaunchLinkAsync(Uri launchLink, CancellationToken cancellationToken) => launchLinks.OpenAsync(launchLink, cancellationToken);
}
