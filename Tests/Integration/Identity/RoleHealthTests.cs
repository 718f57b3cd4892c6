using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.Identity;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Identity;

/// <summary>The service with a clock the test moves: a day passes in an instant, for the customers' role checks.</summary>
public class RoleHealthService : OnboardingService
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        services.AddSingleton<TimeProvider>(Clock);
        services.AddKeyedSingleton<TimeProvider>("Orleans.Grains", Clock);
    }
}

/// <summary>
/// Continuous role health against the STS stand-in: the sweep re-checks Active customers' roles a period after their
/// last check; a deleted role and a changed trust policy both degrade (notified once), a restored one recovers.
/// </summary>
public sealed class RoleHealthTests(RoleHealthService service) : IClassFixture<RoleHealthService>, IAsyncLifetime
{
    private string _notifications = "";

    public async Task InitializeAsync() => _notifications = await StackEvents.SubscribeToNotificationsAsync(service);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task A_broken_role_degrades_once_a_restored_one_recovers_and_operators_can_list_the_degraded()
    {
        var events = new StackEvents(service);
        var (deleted, deletedStack, _) = await events.StartAndLaunchAsync();
        var (retrusted, retrustedStack, _) = await events.StartAndLaunchAsync();
        var (healthy, healthyStack, _) = await events.StartAndLaunchAsync();
        foreach (var stack in new[] { deletedStack, retrustedStack, healthyStack }) await events.CreateAsync(stack);
        Assert.Equal("Healthy", (await events.ViewAsync(healthy)).GetProperty("roleHealth").GetString());

        // One customer deletes its role; another keeps it but changes the external id its trust policy requires.
        var role = StackRole.FromTemplate(retrustedStack.TemplateJson!, retrustedStack);
        await service.Aws.Iam.DeleteRoleAsync(deletedStack.RoleArn());
        var externalId = (await events.ViewAsync(retrusted)).GetProperty("externalId").GetString()!;
        await service.Aws.Iam.SetTrustPolicyAsync(role.Arn, role.TrustPolicyJson.Replace(externalId, "rotated-by-the-customer"));

        await AfterADayTheSweepRunsAsync();

        foreach (var account in new[] { deleted, retrusted })
        {
            var view = await events.ViewAsync(account);
            Assert.Equal(("Active", "Degraded"), (view.GetProperty("state").GetString(), view.GetProperty("roleHealth").GetString()));
            Assert.Equal("NotAssumable", view.GetProperty("roleCheck").GetProperty("outcome").GetString());
            Assert.Contains(view.GetProperty("history").EnumerateArray(), h => h.GetProperty("trigger").GetString() == "RoleDegraded");
            await events.ReceiveContainingAsync(_notifications, "\"type\":\"CustomerRoleDegraded\",\"accountId\":\"" + account);
        }
        Assert.Equal("Healthy", (await events.ViewAsync(healthy)).GetProperty("roleHealth").GetString());
        var degraded = await ListDegradedAsync();
        Assert.Contains(deleted, degraded);
        Assert.Contains(retrusted, degraded);
        Assert.DoesNotContain(healthy, degraded);

        // A day later, still broken: no second notice. The trust policy restored: recovered.
        await service.Aws.Iam.SetTrustPolicyAsync(role.Arn, role.TrustPolicyJson);
        await AfterADayTheSweepRunsAsync();

        Assert.Equal("Healthy", (await events.ViewAsync(retrusted)).GetProperty("roleHealth").GetString());
        Assert.Equal("Degraded", (await events.ViewAsync(deleted)).GetProperty("roleHealth").GetString());
        await events.ReceiveContainingAsync(_notifications, "\"type\":\"CustomerRoleRecovered\",\"accountId\":\"" + retrusted);
        var history = (await events.ViewAsync(deleted)).GetProperty("history").EnumerateArray();
        Assert.Single(history, h => h.GetProperty("trigger").GetString() == "RoleDegraded");
        Assert.DoesNotContain(await ListDegradedAsync(), a => a == retrusted);
    }

    [Fact]
    public async Task Role_health_filters_take_only_Degraded_and_only_for_Active_customers()
    {
        var wrongValue = await service.Client.GetAsync("/customers?roleHealth=Sick");
        var wrongState = await service.Client.GetAsync("/customers?state=Templated&roleHealth=Degraded");

        Assert.Equal(HttpStatusCode.BadRequest, wrongValue.StatusCode);
        Assert.Contains("roleHealth must be Degraded", await wrongValue.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.BadRequest, wrongState.StatusCode);
        Assert.Contains("roleHealth applies to Active customers", await wrongState.Content.ReadAsStringAsync());
    }

    /// <summary>Moves the clock a day on and steps the sweep until it has visited every Active customer once.</summary>
    private async Task AfterADayTheSweepRunsAsync()
    {
        service.Clock.Advance(TimeSpan.FromHours(25));
        var sweep = service.Grains.GetGrain<IRoleCheckSweepGrain>(0);
        await Eventually.TrueAsync(async () => (await sweep.Step()).SweepDone, "the role check sweep to finish");
    }

    private async Task<List<string>> ListDegradedAsync()
    {
        var page = await service.Client.GetFromJsonAsync<JsonElement>("/customers?roleHealth=Degraded&limit=500");
        return [.. page.GetProperty("customers").EnumerateArray().Select(c => c.GetProperty("accountId").GetString()!)];
    }
}
