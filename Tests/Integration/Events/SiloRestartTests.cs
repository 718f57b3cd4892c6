using Microsoft.Extensions.DependencyInjection;
using Onboarding.Customers;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;

namespace Onboarding.Tests.Integration.Events;

public sealed class SiloRestartTests(OnboardingService service) : IClassFixture<OnboardingService>
{
    private const int Customers = 10;

    [Fact]
    public async Task Requests_in_flight_when_the_silo_stops_are_each_answered_and_applied_once_after_restart()
    {
        var cloudFormation = new CloudFormationStandIn(service.Aws, service.Silo.Services.GetRequiredService<ISnsClient>());
        using var http = new HttpClient();
        var stacks = new List<(string Account, string AnswerKey)>();
        for (var i = 0; i < Customers; i++)
        {
            var account = TestAccounts.Next();
            var view = (await service.Grains.GetGrain<ICustomerGrain>(account).StartOnboarding(new("us-east-1", null))).View!;
            var stack = LaunchedStack.FromTemplate(await http.GetStringAsync(await service.TemplateUrlAsync(view.LaunchUrl!)), account, "us-east-1");
            var (request, answerKey) = await cloudFormation.NewRequestAsync(stack, "Create", physicalResourceId: null);
            await cloudFormation.PublishAsync(stack.TopicArn, request);
            stacks.Add((account, answerKey));
        }

        await service.RestartSiloAsync();

        foreach (var (account, answerKey) in stacks)
        {
            Assert.Equal("SUCCESS", (await cloudFormation.AnswerAsync(answerKey)).GetProperty("Status").GetString());
            var view = await service.Grains.GetGrain<ICustomerGrain>(account).GetView();
            Assert.Equal(OnboardingState.Active, view!.State);
            Assert.Single(view.History, h => h.Trigger == OnboardingTrigger.StackCreated);
        }
    }
}
