using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Onboarding.Customers;
using Onboarding.Grains.Customers;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.CustomerLinks;

/// <summary>Shared moves and checks of the launch-link tests.</summary>
public static class CustomerLinkAnswers
{
    /// <summary>Every answer about a customer link, whatever its status: never cached, never handed on as a referrer.</summary>
    public static void AssertCapabilityHeaders(HttpResponseMessage response)
    {
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "");
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    /// <summary>Starts an onboarding through the API; returns the account, its view and its launch link.</summary>
    public static async Task<(string Account, JsonElement View, Uri Link)> StartAsync(OnboardingService service, string region = "us-east-1")
    {
        var account = TestAccounts.Next();
        var response = await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account, region });
        response.EnsureSuccessStatusCode();
        var view = await response.Content.ReadFromJsonAsync<JsonElement>();
        return (account, view, new Uri(view.GetProperty("launchUrl").GetString()!));
    }

    /// <summary>The secret part of a launch link's token.</summary>
    public static string SecretOf(Uri link)
    {
        Assert.True(CustomerLinkToken.TryParse(Uri.UnescapeDataString(link.Segments[^1]), out _, out var secret));
        return secret;
    }

    /// <summary>A launch link with a well-formed token for <paramref name="account"/> and a fresh (so wrong) secret.</summary>
    public static Uri LinkWithNewSecret(string account, string? secret = null) =>
        CustomerLinkRoutes.Launch(OnboardingService.ApiBaseUrl, CustomerLinkToken.Format(account, secret ?? SecureTokens.CustomerLinkSecret()));

    public static async Task<JsonElement> ProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }
}
