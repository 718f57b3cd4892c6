using Microsoft.AspNetCore.Mvc.Testing;
using Onboarding.CustomerSimulation.Customers;

namespace Onboarding.Tests.Infrastructure;

/// <summary>The customer's browser against the fixture's API: opens launch links, never following the redirect to AWS's console.</summary>
public static class CustomerBrowser
{
    /// <summary>An anonymous client of the API that reports redirects instead of following them.</summary>
    public static HttpClient Browser(this OnboardingService service) =>
        service.Api.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

    /// <summary>The quick-create URL <paramref name="launchLink"/> redirects to now.</summary>
    public static async Task<Uri> OpenLaunchLinkAsync(this OnboardingService service, Uri launchLink)
    {
        using var browser = service.Browser();
        return await new LaunchLinkOpener(browser).OpenAsync(launchLink);
    }

    /// <summary>The template URL the quick-create page behind <paramref name="launchLink"/> reads.</summary>
    public static async Task<Uri> TemplateUrlAsync(this OnboardingService service, Uri launchLink) =>
        LaunchLinks.TemplateUrl(await service.OpenLaunchLinkAsync(launchLink));
}
