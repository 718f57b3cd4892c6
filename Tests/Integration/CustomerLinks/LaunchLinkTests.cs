using System.Net;
using System.Text.Json;
using System.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onboarding.Grains.Templates;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;
using static Onboarding.Tests.Integration.CustomerLinks.CustomerLinkAnswers;

namespace Onboarding.Tests.Integration.CustomerLinks;

/// <summary>
/// The service presigning template URLs with a dedicated long-term key pair (as the README advises for
/// production), every log line of the silo and the API at Information and above captured.
/// </summary>
public sealed class LaunchLinkService : OnboardingService
{
    public const string AccessKeyId = "AKIAIOSFODNN7EXAMPLE";
    public const string SecretAccessKey = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    public CapturedLogs SiloLogs { get; } = new();
    public CapturedLogs ApiLogs { get; } = new();

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
    [
        new("Templates:Presigning:Credentials", "AccessKey"),
        new("Templates:Presigning:AccessKeyId", AccessKeyId),
        new("Templates:Presigning:SecretAccessKey", SecretAccessKey),
        new("Logging:LogLevel:Default", "Information"),
    ];

    protected override void ConfigureSiloServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(SiloLogs);

    // The API keeps its shipped log levels (Api/appsettings.json): what production would write.
    protected override void ConfigureApiServices(IServiceCollection services) => services.AddSingleton<ILoggerProvider>(ApiLogs);
}

public sealed class LaunchLinkTests(LaunchLinkService service) : IClassFixture<LaunchLinkService>
{
    [Fact]
    public async Task Opening_the_link_redirects_to_a_quick_create_url_whose_template_url_reads_the_template_from_S3()
    {
        var (account, view, link) = await StartAsync(service, "eu-west-1");
        using var browser = service.Browser();

        var response = await browser.GetAsync(link);

        Assert.Equal(HttpStatusCode.Found, response.StatusCode);
        AssertCapabilityHeaders(response);
        var quickCreate = response.Headers.Location!;
        Assert.Equal("eu-west-1.console.aws.amazon.com", quickCreate.Host);
        Assert.Equal($"PartnerOnboarding-{account}", LaunchLinks.StackName(quickCreate));
        var templateUrl = LaunchLinks.TemplateUrl(quickCreate);
        Assert.InRange(templateUrl.AbsoluteUri.Length, 1, CloudFormationLimits.MaxTemplateUrlLength);
        var signing = HttpUtility.ParseQueryString(templateUrl.Query);
        Assert.StartsWith(LaunchLinkService.AccessKeyId + "/", signing["X-Amz-Credential"]);
        Assert.Null(signing["X-Amz-Security-Token"]);
        // Short-lived (Onboarding:TemplateUrlLifetime, 1 h), while the link itself lives for days. The SDK
        // counts X-Amz-Expires from its own clock-skew-corrected now, rounded: one second either way.
        Assert.InRange(int.Parse(signing["X-Amz-Expires"]!, System.Globalization.CultureInfo.InvariantCulture), 1, 3600 + 1);
        Assert.True(view.GetProperty("launchUrlExpiresAt").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddDays(2));
        using var http = new HttpClient();
        Assert.Contains(view.GetProperty("externalId").GetString()!, await http.GetStringAsync(templateUrl));
    }

    [Fact]
    public async Task Each_opening_presigns_the_template_url_anew()
    {
        var (_, _, link) = await StartAsync(service);
        var first = (await service.TemplateUrlAsync(link)).AbsoluteUri;

        // Signatures change with the second they are made in: a stored URL handed out again never would.
        var later = await Eventually.ValueAsync(async () => (await service.TemplateUrlAsync(link)).AbsoluteUri is var url && url != first ? url : null,
            "an opening that presigns a different template URL");

        Assert.Equal(new Uri(first).GetLeftPart(UriPartial.Path), new Uri(later).GetLeftPart(UriPartial.Path));
        using var http = new HttpClient();
        Assert.Equal(await http.GetStringAsync(first), await http.GetStringAsync(later));
    }

    [Fact]
    public async Task A_wrong_secret_is_answered_exactly_like_an_unknown_account_or_a_malformed_token()
    {
        var (account, _, link) = await StartAsync(service);
        using var browser = service.Browser();
        Uri[] refused =
        [
            LinkWithNewSecret(account),                          // the account exists, the secret is wrong
            LinkWithNewSecret(TestAccounts.Next(), SecretOf(link)), // the right secret on an account never seen
            new(OnboardingService.ApiBaseUrl, "launch/" + account),  // not a token at all
        ];

        var answers = new List<string>();
        foreach (var url in refused)
        {
            var response = await browser.GetAsync(url);
            AssertCapabilityHeaders(response);
            var problem = await ProblemAsync(response, HttpStatusCode.NotFound);
            answers.Add(string.Join("|", problem.GetProperty("type"), problem.GetProperty("title"), problem.GetProperty("detail")));
        }

        Assert.Single(answers.Distinct());
        Assert.EndsWith("/not-found", answers[0].Split('|')[0]);
        Assert.DoesNotContain(account, answers[0]);
        Assert.Equal(HttpStatusCode.Found, (await browser.GetAsync(link)).StatusCode);
    }

    [Fact]
    public async Task Once_the_customer_is_Active_or_off_boarded_the_link_is_gone_with_a_plain_reason()
    {
        var events = new StackEvents(service);
        var (active, _, activeLink) = await StartAsync(service);
        using var http = new HttpClient();
        var stack = LaunchedStack.FromTemplate(await http.GetStringAsync(await service.TemplateUrlAsync(activeLink)), active, "us-east-1");
        Assert.Equal("SUCCESS", (await events.CloudFormation.SendAsync(stack, "Create")).GetProperty("Status").GetString());
        var (removed, _, removedLink) = await StartAsync(service);
        (await service.Client.DeleteAsync($"/customers/{removed}")).EnsureSuccessStatusCode();
        using var browser = service.Browser();

        foreach (var (link, reason) in new[] { (activeLink, "already connected"), (removedLink, "has ended") })
        {
            var response = await browser.GetAsync(link);
            AssertCapabilityHeaders(response);
            var problem = await ProblemAsync(response, HttpStatusCode.Gone);
            Assert.EndsWith("/link-gone", problem.GetProperty("type").GetString());
            Assert.Contains(reason, problem.GetProperty("detail").GetString());
        }
    }

    [Fact]
    public async Task A_browser_is_shown_a_page_rather_than_json()
    {
        using var browser = service.Browser();
        using var request = new HttpRequestMessage(HttpMethod.Get, LinkWithNewSecret(TestAccounts.Next()));
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");

        var response = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        AssertCapabilityHeaders(response);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("<h1>This link is not valid.</h1>", await response.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'none'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task Neither_link_secrets_nor_presigned_urls_reach_the_logs_at_information_or_above()
    {
        var (account, _, link) = await StartAsync(service);
        var templateUrl = await service.TemplateUrlAsync(link);
        using var browser = service.Browser();
        var wrong = LinkWithNewSecret(account);
        await browser.GetAsync(wrong);

        var lines = service.SiloLogs.Lines.Concat(service.ApiLogs.Lines).Where(l => l.Level >= LogLevel.Information).ToList();
        Assert.Contains(service.SiloLogs.Lines, l => l.Message.Contains(account)); // the silo's lines about this account are captured
        Assert.NotEmpty(service.ApiLogs.Lines);                                     // and so are the API's
        string[] secrets = [SecretOf(link), SecretOf(wrong), HttpUtility.ParseQueryString(templateUrl.Query)["X-Amz-Signature"]!];
        Assert.DoesNotContain(lines, l => secrets.Any(s => l.Message.Contains(s) || l.Scope.Values.Any(v => v?.Contains(s) == true)));
    }
}
