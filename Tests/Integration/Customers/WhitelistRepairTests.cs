using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Customers;
using Onboarding.Grains.Ports;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Whitelist;
using Orleans.Runtime;

namespace Onboarding.Tests.Integration.Customers;

/// <summary>
/// The service beside another writer of its topic policies: SNS's SetTopicAttributes has no write condition,
/// so that writer can undo the service's edits (with a stale read) or add entries of its own.
/// </summary>
public sealed class OtherPolicyWriterService : OnboardingService
{
    /// <summary>A statement the other writer owns; the service must never drop it.</summary>
    public const string ForeignSid = "AuditTeamSubscribe";

    /// <summary>The next policy write that adds this account is undone at once by the other writer.</summary>
    public volatile string? UndoNextWriteAdding;

    public int Undone;

    public ISnsClient Sns => Silo.Services.GetRequiredService<ISnsClient>();

    protected override void ConfigureSiloServices(IServiceCollection services) =>
        services.AddSingleton<ITopicPolicyGateway>(sp => new RacedGateway(ActivatorUtilities.CreateInstance<SnsTopicPolicyGateway>(sp), this));

    public async Task<TopicPolicyDocument> PolicyAsync(string topicArn) =>
        TopicPolicyDocument.Parse((await Sns.GetTopicAttributesAsync(topicArn)).GetValueOrDefault("Policy"), topicArn);

    /// <summary>The other writer's read-modify-write: its own statement on top of <paramref name="policyJson"/>.</summary>
    public Task WriteAsOtherWriterAsync(string topicArn, string? policyJson)
    {
        var policy = policyJson is null ? new JsonObject { ["Version"] = "2012-10-17", ["Statement"] = new JsonArray() } : JsonNode.Parse(policyJson)!.AsObject();
        var statements = policy["Statement"]!.AsArray();
        if (!statements.Any(s => (string?)s?["Sid"] == ForeignSid))
            statements.Add(new JsonObject
            {
                ["Sid"] = ForeignSid,
                ["Effect"] = "Allow",
                ["Principal"] = new JsonObject { ["AWS"] = "arn:aws:iam::444455556666:root" },
                ["Action"] = "sns:Subscribe",
                ["Resource"] = topicArn,
            });
        return Sns.SetTopicAttributeAsync(topicArn, "Policy", policy.ToJsonString());
    }

    private sealed class RacedGateway(ITopicPolicyGateway inner, OtherPolicyWriterService service) : ITopicPolicyGateway
    {
        public Task<string?> GetPolicyAsync(string topicArn, CancellationToken cancellationToken) => inner.GetPolicyAsync(topicArn, cancellationToken);

        public async Task SetPolicyAsync(string topicArn, string policyJson, CancellationToken cancellationToken)
        {
            // The other writer read the policy before this write and writes its edit after it.
            var staleRead = await inner.GetPolicyAsync(topicArn, cancellationToken);
            await inner.SetPolicyAsync(topicArn, policyJson, cancellationToken);
            if (service.UndoNextWriteAdding is { } account
                && TopicPolicyDocument.Parse(policyJson, topicArn).CustomerAccounts.Contains(account)
                && Interlocked.CompareExchange(ref service.UndoNextWriteAdding, null, account) == account)
            {
                await service.WriteAsOtherWriterAsync(topicArn, staleRead);
                Interlocked.Increment(ref service.Undone);
            }
        }
    }
}

public sealed class WhitelistRepairTests(OtherPolicyWriterService service) : IClassFixture<OtherPolicyWriterService>
{
    private IWhitelistReconcilerGrain Reconciler => service.Grains.GetGrain<IWhitelistReconcilerGrain>(0);

    [Fact]
    public async Task An_entry_another_writer_undoes_during_a_batch_is_restored_by_the_confirming_read()
    {
        var account = TestAccounts.Next();
        service.UndoNextWriteAdding = account;

        var started = await service.Grains.GetGrain<ICustomerGrain>(account).StartOnboarding(new("us-east-1", null));

        Assert.Equal(1, service.Undone);
        var policy = await service.PolicyAsync(started.View!.TopicArn!);
        Assert.Contains(account, policy.CustomerAccounts);
        Assert.Contains(OtherPolicyWriterService.ForeignSid, policy.Json);
    }

    [Fact]
    public async Task An_entry_lost_while_idle_is_restored_by_the_reconciliation()
    {
        var (account, topicArn) = await StartAsync();
        var lost = (await service.PolicyAsync(topicArn)).Apply([], [account], TopicPolicyLimits.Sns);
        await service.WriteAsOtherWriterAsync(topicArn, lost.PolicyJson);
        Assert.DoesNotContain(account, (await service.PolicyAsync(topicArn)).CustomerAccounts);

        var repairs = await Reconciler.ReconcileNow();

        Assert.True(repairs.Restored >= 1, $"restored {repairs.Restored}");
        var policy = await service.PolicyAsync(topicArn);
        Assert.Contains(account, policy.CustomerAccounts);
        Assert.Contains(OtherPolicyWriterService.ForeignSid, policy.Json);
    }

    [Fact]
    public async Task An_entry_no_record_justifies_is_removed_by_the_reconciliation_and_nothing_else_is()
    {
        var (account, topicArn) = await StartAsync();
        var (offBoarded, offBoardedTopic) = await StartAsync();
        await service.Grains.GetGrain<ICustomerGrain>(offBoarded).OffBoard("test");
        var orphan = TestAccounts.Next();
        // An account with no record, and the off-boarded one back, slipped in beside the other writer's statement.
        var withOrphans = (await service.PolicyAsync(topicArn)).Apply([orphan], [], TopicPolicyLimits.Sns);
        await service.WriteAsOtherWriterAsync(topicArn, withOrphans.PolicyJson);
        var withOffBoarded = (await service.PolicyAsync(offBoardedTopic)).Apply([offBoarded], [], TopicPolicyLimits.Sns);
        await service.WriteAsOtherWriterAsync(offBoardedTopic, withOffBoarded.PolicyJson);

        var repairs = await Reconciler.ReconcileNow();

        Assert.True(repairs.Removed >= 2, $"removed {repairs.Removed}");
        var policy = await service.PolicyAsync(topicArn);
        Assert.DoesNotContain(orphan, policy.CustomerAccounts);
        Assert.Contains(account, policy.CustomerAccounts);
        Assert.Contains(OtherPolicyWriterService.ForeignSid, policy.Json);
        Assert.DoesNotContain(offBoarded, (await service.PolicyAsync(offBoardedTopic)).CustomerAccounts);
        // The customers' records were not touched by it.
        Assert.Equal(OnboardingState.Templated, (await service.Grains.GetGrain<ICustomerGrain>(account).GetView())!.State);
    }

    [Fact]
    public async Task The_periodic_reconciliation_is_scheduled_at_start_and_its_tick_restores_a_lost_entry()
    {
        var reminders = service.Silo.Services.GetRequiredService<IReminderTable>();
        var reconcilerId = Reconciler.GetGrainId();
        await Eventually.TrueAsync(
            async () => await reminders.ReadRow(reconcilerId, WhitelistReconcilerGrain.ReminderName) is not null,
            "the reconciliation's reminder");
        var (account, topicArn) = await StartAsync();
        var lost = (await service.PolicyAsync(topicArn)).Apply([], [account], TopicPolicyLimits.Sns);
        await service.WriteAsOtherWriterAsync(topicArn, lost.PolicyJson);

        await Reconciler.AsReference<IRemindable>().ReceiveReminder(WhitelistReconcilerGrain.ReminderName, new TickStatus());

        await Eventually.TrueAsync(async () => (await service.PolicyAsync(topicArn)).CustomerAccounts.Contains(account), "the lost entry restored");
    }

    private async Task<(string Account, string TopicArn)> StartAsync()
    {
        var account = TestAccounts.Next();
        var started = await service.Grains.GetGrain<ICustomerGrain>(account).StartOnboarding(new("us-east-1", null));
        return (account, started.View!.TopicArn!);
    }
}
