using Microsoft.Extensions.DependencyInjection;
using Onboarding.Customers;
using Onboarding.CustomerSimulation.CloudFormation;
using Onboarding.Grains;
using Onboarding.Grains.Customers;
using Onboarding.Grains.Identity;
using Onboarding.Grains.Stats;
using Onboarding.Identity;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Storage;
using Onboarding.Tests.Integration.Events;
using Onboarding.Silo.Hosting;
using Orleans.Storage;
using Xunit.Abstractions;

namespace Onboarding.Tests.Integration.Identity;

/// <summary>
/// The role health service with an AssumeRole pace that lets 10,000 checks run in a test's time: the pace is real
/// time while the sweep's ticks follow the fake clock.
/// </summary>
public sealed class RoleCheckSweepAtScaleService : RoleHealthService
{
    public const double AssumeRolePerSecond = 1_000;

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [new("Verification:MaxAssumeRolePerSecond", AssumeRolePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture))];

    /// <summary>The test steps the sweep itself: its reminder, ticking in real minutes, would start a sweep mid-seeding.</summary>
    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        base.ConfigureSiloServices(services);
        foreach (var scheduler in services.Where(d => d.ImplementationType == typeof(PeriodicWorkScheduler)).ToList()) services.Remove(scheduler);
    }
}

/// <summary>
/// 10,000 Active customers, seeded straight into the grain storage with their roles registered in the STS stand-in, are
/// re-checked by the sweep within one <c>Verification:RecheckEvery</c>, a tick's quota at a time.
/// </summary>
public sealed class RoleCheckSweepAtScaleTests(RoleCheckSweepAtScaleService service, ITestOutputHelper output) : IClassFixture<RoleCheckSweepAtScaleService>
{
    // The shipped schedule: a check a day, a one-minute tick; the sweep's quota per tick is ceil(10,000 / 1,440) = 7.
    private const int Customers = 10_000;
    private const int SeedsInFlight = 16;

    [Fact]
    public async Task Ten_thousand_Active_customers_are_each_rechecked_once_within_one_period_a_quota_per_tick()
    {
        var schedule = service.Silo.Services.GetRequiredService<WorkflowOptions>().Checks;
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var accounts = await SeedActiveCustomersAsync();
        output.WriteLine($"seeded {Customers} customers in {watch.Elapsed}");
        watch.Restart();

        // A day on, every role is due; the sweep then moves one tick of the fake clock per step.
        service.Clock.Advance(schedule.Every + schedule.Tick);
        var sweepStarted = service.Clock.GetUtcNow();
        var quota = RoleCheckSweep.Quota(Customers, schedule.Tick, schedule.Every, RoleCheckSweepAtScaleService.AssumeRolePerSecond);
        var sweep = service.Grains.GetGrain<IRoleCheckSweepGrain>(0);
        var (steps, visited, checkedRoles) = (0, 0, 0);
        for (var done = false; !done; steps++)
        {
            var step = await sweep.Step();
            Assert.InRange(step.Visited, 0, quota);
            Assert.Equal(0, step.Degraded);
            (visited, checkedRoles, done) = (visited + step.Visited, checkedRoles + step.Checked, step.SweepDone);
            service.Clock.Advance(schedule.Tick);
        }

        output.WriteLine($"swept in {steps} steps ({visited} visited, {checkedRoles} checked), {watch.Elapsed}");
        var views = await Task.WhenAll(accounts.Select(a => service.Grains.GetGrain<ICustomerGrain>(a).GetView()));
        Assert.Equal((Customers, Customers), (visited, checkedRoles));
        Assert.True(service.Clock.GetUtcNow() - sweepStarted <= schedule.Every, $"the sweep took {steps} ticks, more than one period");
        Assert.All(views, view =>
        {
            Assert.Equal((OnboardingState.Active, RoleHealth.Healthy), (view!.State, view.RoleHealth));
            Assert.InRange(view.RoleCheck!.CheckedAt, sweepStarted, service.Clock.GetUtcNow());
            Assert.Equal(RoleVerificationOutcome.Verified, view.RoleCheck.Outcome);
        });
    }

    /// <summary>
    /// One customer onboarded through the service and the stand-ins, and copies of its record for new accounts (each
    /// with its own external id and role, trusted exactly as the template renders it), checked at the seeding time.
    /// </summary>
    private async Task<List<string>> SeedActiveCustomersAsync()
    {
        var events = new StackEvents(service);
        var (model, stack, _) = await events.StartAndLaunchAsync();
        await events.CreateAsync(stack);
        var storage = service.Silo.Services.GetRequiredKeyedService<IGrainStorage>(StorageNames.Onboarding);
        var stored = new TestGrainState<CustomerState>();
        await storage.ReadStateAsync(CustomerStateName, GrainIdOf(model), stored);
        var role = StackRole.FromTemplate(stack.TemplateJson!, stack);
        var now = service.Clock.GetUtcNow();

        var copies = Enumerable.Range(1, Customers - 1).Select(i => CopyFor(stored.State, TestAccounts.Next(), now, i)).ToList();
        await Parallel.ForEachAsync(copies, new ParallelOptions { MaxDegreeOfParallelism = SeedsInFlight }, async (copy, cancellationToken) =>
            await service.Aws.Iam.PutRoleAsync(copy.RoleArn!, role.TrustPolicyJson.Replace(stored.State.ExternalId, copy.ExternalId, StringComparison.Ordinal),
                cancellationToken: cancellationToken));
        await Parallel.ForEachAsync(copies, new ParallelOptions { MaxDegreeOfParallelism = SeedsInFlight }, async (copy, _) =>
            await storage.WriteStateAsync(CustomerStateName, GrainIdOf(copy.AccountId), new TestGrainState<CustomerState>(copy)));
        return [model, .. copies.Select(c => c.AccountId)];
    }

    private const string CustomerStateName = "customer";

    private Orleans.Runtime.GrainId GrainIdOf(string account) => service.Grains.GetGrain<ICustomerGrain>(account).GetGrainId();

    /// <summary>The model's record for another account, onboarded <paramref name="olderBy"/> milliseconds before it.</summary>
    private static CustomerState CopyFor(CustomerState model, string account, DateTimeOffset now, int olderBy)
    {
        var copy = model.Copy();
        copy.AccountId = account;
        copy.CreatedAt = model.CreatedAt.AddMilliseconds(-olderBy);
        copy.ExternalId = AttemptSecrets.New().ExternalId;
        copy.RoleArn = model.RoleArn!.Replace($"::{model.AccountId}:", $"::{account}:", StringComparison.Ordinal);
        copy.StackId = model.StackId!.Replace($":{model.AccountId}:", $":{account}:", StringComparison.Ordinal);
        copy.RoleCheck = model.RoleCheck! with { CheckedAt = now };
        (copy.RoleVerifiedAt, copy.NegativeChecksAt) = (now, now);
        (copy.Effects, copy.HandledRequests) = ([], []);
        copy.Counted = CustomerCounting.ContributionOf(copy);
        return copy;
    }
}
