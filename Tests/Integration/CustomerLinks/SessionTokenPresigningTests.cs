using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Amazon.Runtime;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onboarding.Silo.Aws.Presigning;
using Onboarding.Tests.Infrastructure;
using static Onboarding.Tests.Integration.CustomerLinks.CustomerLinkAnswers;

namespace Onboarding.Tests.Integration.CustomerLinks;

/// <summary>The service presigning with temporary credentials carrying a realistic session token (the default chain on ECS, EKS, EC2, Lambda).</summary>
public sealed class SessionTokenPresigningService : OnboardingService
{
    public CapturedLogs SiloLogs { get; } = new();

    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        services.AddSingleton<ILoggerProvider>(SiloLogs);
        services.AddSingleton(new PresigningCredentials(
            new SessionAWSCredentials(TemporaryCredentials.AccessKeyId, TemporaryCredentials.SecretAccessKey, TemporaryCredentials.SessionToken)));
    }
}

public sealed class SessionTokenPresigningTests(SessionTokenPresigningService service) : IClassFixture<SessionTokenPresigningService>
{
    [Fact]
    public async Task The_start_succeeds_and_the_link_says_why_it_cannot_launch_with_one_log_line()
    {
        var account = TestAccounts.Next();

        var started = await service.PartnerClient.PostAsJsonAsync("/customers", new { accountId = account });

        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var view = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Templated", view.GetProperty("state").GetString());
        var link = new Uri(view.GetProperty("launchUrl").GetString()!);
        using var browser = service.Browser();
        for (var opening = 0; opening < 2; opening++)
        {
            var response = await browser.GetAsync(link);
            AssertCapabilityHeaders(response);
            var problem = await ProblemAsync(response, HttpStatusCode.ServiceUnavailable);
            Assert.EndsWith("/launch-unavailable", problem.GetProperty("type").GetString());
            var detail = problem.GetProperty("detail").GetString()!;
            Assert.Contains("temporary credentials", detail);
            Assert.Contains("at most 1024", detail);
            Assert.DoesNotContain("X-Amz", detail);
        }

        // Said once, at the start, in words an operator can act on; the openings only answer.
        var warning = Assert.Single(service.SiloLogs.Lines, l => l.Level >= LogLevel.Warning && l.Message.Contains(account));
        Assert.Contains("Templates:Presigning:Credentials", warning.Message);
        Assert.DoesNotContain(service.SiloLogs.Lines, l => l.Message.Contains(TemporaryCredentials.SessionToken[..40]));
    }
}
