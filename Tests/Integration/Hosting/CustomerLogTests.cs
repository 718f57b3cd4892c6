using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Hosting;

/// <summary>The silo with every log line its shipped levels let through captured, scopes included.</summary>
public sealed class CapturedLogService : OnboardingService
{
    public CapturedLogs Logs { get; } = new();

    protected override void ConfigureSiloServices(IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(Logs);
}

public sealed class CustomerLogTests(CapturedLogService service) : IClassFixture<CapturedLogService>
{
    [Fact]
    public async Task Lines_about_a_customer_carry_its_account_and_request_ids_and_never_its_external_id()
    {
        var events = new StackEvents(service);
        var (account, stack, _) = await events.StartAndLaunchAsync();
        var (request, answerKey) = await events.CloudFormation.NewRequestAsync(stack, "Create", physicalResourceId: null);
        await events.CloudFormation.PublishAsync(stack.TopicArn, request);
        await events.CloudFormation.AnswerAsync(answerKey);
        var externalId = (await events.ViewAsync(account)).GetProperty("externalId").GetString()!;
        var requestId = request["RequestId"]!.GetValue<string>();

        var started = Assert.Single(service.Logs.Lines, l => l.Message.StartsWith($"Onboarding started for account {account}"));
        Assert.Equal(account, started.Scope.GetValueOrDefault("AccountId"));
        Assert.False(string.IsNullOrEmpty(started.Scope.GetValueOrDefault("RequestId")), "the API's request id did not reach the grain");

        var answered = await EventuallySingle(l => l.Message.StartsWith("Decided Create request") && l.Message.Contains(account));
        Assert.Equal(account, answered.Scope.GetValueOrDefault("AccountId"));
        Assert.Equal(requestId, answered.Scope.GetValueOrDefault("RequestId"));

        Assert.DoesNotContain(service.Logs.Lines, l => l.Level >= LogLevel.Information &&
            (l.Message.Contains(externalId) || l.Scope.Values.Any(v => v?.Contains(externalId) == true)));
    }

    private async Task<CapturedLogs.Line> EventuallySingle(Func<CapturedLogs.Line, bool> match)
    {
        await Eventually.TrueAsync(() => service.Logs.Lines.Any(match), "the log line");
        return Assert.Single(service.Logs.Lines, l => match(l));
    }
}
