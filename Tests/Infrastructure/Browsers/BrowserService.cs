using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Tests.Infrastructure.Browsers;

/// <summary>
/// The whole service (<see cref="OnboardingService"/>) with the API on a real loopback port, as a browser needs, its
/// public base URL that address, a partner brand (its logo answered by the browser stand-in), a silo clock a test may
/// move ahead for a moment (<see cref="Clock"/>), and one headless Chromium (Debian's, launched through Playwright)
/// for the test classes. AWS's console is never loaded: pages opening it are answered by a stand-in page and recorded.
/// </summary>
public class BrowserService : OnboardingService
{
    /// <summary>The collection of the browser tests: one service and one browser for all of them.</summary>
    public const string Collection = "browser";

    public const string PartnerName = "Acme Cloud";
    public const string SupportContact = "support@acme.example";
    /// <summary>The partner's logo (Pages:LogoUrl): a host the browser never reaches, answered by <see cref="NewSessionAsync"/>.</summary>
    public const string LogoUrl = "https://brand.acme.example/logo.svg";
    private const string Logo =
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\"><rect width=\"64\" height=\"64\" rx=\"12\" fill=\"#1d4ed8\"/>" +
        "<path d=\"M16 48 L32 14 L48 48 Z\" fill=\"#fff\"/></svg>";

    /// <summary>Debian's package puts it here (scripts/install-browser.sh); Playwright's own download cannot work offline.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    public int ApiPort { get; } = FreePorts.Next();
    public Uri BaseUrl => new($"http://127.0.0.1:{ApiPort}/");

    /// <summary>The silo's clock: the real time, unless a test shifts it ahead for a moment (an expiry).</summary>
    public ShiftedClock Clock { get; } = new();

    public IBrowser Browser { get; private set; } = null!;
    public CloudFormationStandIn CloudFormation { get; private set; } = null!;

    private IPlaywright? _playwright;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings => [new("Onboarding:PublicBaseUrl", BaseUrl.ToString())];

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraApiSettings =>
        [new("Pages:PartnerName", PartnerName), new("Pages:SupportContact", SupportContact), new("Pages:LogoUrl", LogoUrl)];

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);

    protected override void ConfigureApiFactory(WebApplicationFactory<Program> api)
    {
        api.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, ApiPort));
        api.ClientOptions.BaseAddress = BaseUrl;
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Api.StartServer();
        CloudFormation = new CloudFormationStandIn(Aws, Silo.Services.GetRequiredService<ISnsClient>());
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new() { ExecutablePath = ChromiumPath, Headless = true });
    }

    public override async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        _playwright?.Dispose();
        await base.DisposeAsync();
    }

    /// <summary>
    /// A fresh browser context (its own cookies) that never reaches AWS: the launch link's answer is fetched from the
    /// service as sent, and when it redirects to the console the redirect's target lands in
    /// <see cref="BrowserSession.ConsoleVisits"/> and a stand-in page is shown instead (Playwright does not route the
    /// request a redirect leads to, so the redirect itself is where the navigation is caught).
    /// </summary>
    public async Task<BrowserSession> NewSessionAsync()
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl.ToString(), ViewportSize = new() { Width = 412, Height = 915 } });
        var session = new BrowserSession(context);
        await context.RouteAsync(LogoUrl, route => route.FulfillAsync(new() { Status = 200, ContentType = "image/svg+xml", Body = Logo }));
        await context.RouteAsync(url => new Uri(url).AbsolutePath.StartsWith("/launch/", StringComparison.Ordinal), async route =>
        {
            var answer = await route.FetchAsync(new() { MaxRedirects = 0 });
            if (answer.Headers.TryGetValue("location", out var location) && new Uri(location).Host.EndsWith(".console.aws.amazon.com", StringComparison.Ordinal))
            {
                session.ConsoleVisits.Enqueue(new Uri(location));
                await route.FulfillAsync(new() { Status = 200, ContentType = "text/html", Body = "<!doctype html><title>AWS console stand-in</title><p>console</p>" });
            }
            else await route.FulfillAsync(new() { Response = answer });
        });
        return session;
    }
}

[CollectionDefinition(BrowserService.Collection)]
public sealed class BrowserCollectionDefinition : ICollectionFixture<BrowserService>;
