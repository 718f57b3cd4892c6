using System.Net.Http.Json;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.S3;
using Amazon.SecurityToken;
using Amazon.SQS;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.Customers;
using Onboarding.Grains.Whitelist;
using Onboarding.Whitelist;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Deployment;
using Onboarding.Tests.Integration.Events;
using Onboarding.Tests.Integration.Stalled;

namespace Onboarding.Tests.Integration.Deployment;

/// <summary>
/// The service as deploy/onboarding.yaml deploys it, on the stand-ins: the template's resources exist before the
/// silo starts (made by the provisioner, whose definitions the drift tests hold equal to the template's), the
/// silo runs with provisioning off, as in production, and with the settings the template's outputs give, and
/// every AWS call it makes is recorded. Then one full lifecycle runs (<see cref="RunLifecycleAsync"/>).
/// </summary>
public sealed class DeployedService : FakeClockService
{
    public const string Region = "us-east-1";

    /// <summary>The template deployed in the partner account of the tests, with its default parameters.</summary>
    public static DeployedStack Stack { get; } = DeploymentTemplate.Load().Deploy(PartnerAccountId, Region);

    /// <summary>Every AWS call the service made.</summary>
    public AwsCallRecorder Calls { get; } = new(PartnerAccountId, Region);

    /// <summary>What was done with the template URLs the service presigned: reads by the presigner's key.</summary>
    public AwsCallRecorder PresignedCalls { get; } = new(PartnerAccountId, Region);

    /// <summary>The settings the outputs give, as configuration keys (the presigning key stays the fixture's own).</summary>
    public static IEnumerable<KeyValuePair<string, string?>> OutputSettings =>
        Stack.Settings()
            .Where(s => !s.Key.StartsWith("Templates__", StringComparison.Ordinal))
            .Select(s => KeyValuePair.Create(s.Key.Replace("__", ":", StringComparison.Ordinal), (string?)s.Value));

    protected override IEnumerable<KeyValuePair<string, string?>> ExtraSettings =>
        [.. base.ExtraSettings, .. OutputSettings, new("Provisioning:Enabled", "false")];

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await RunLifecycleAsync();
    }

    /// <summary>Creates the template's resources on the stand-ins, as the stack would, before the silo starts.</summary>
    protected override Task BeforeSiloStartsAsync() => TemplateResources.CreateAsync(Aws, Stack);

    protected override void ConfigureSiloServices(IServiceCollection services)
    {
        base.ConfigureSiloServices(services);
        Decorate<IAmazonDynamoDB>(services, Calls.Watch);
        Decorate<IAmazonSQS>(services, Calls.Watch);
        Decorate<IAmazonS3>(services, Calls.Watch);
        Decorate<IAmazonSecurityTokenService>(services, Calls.Watch);
        Decorate<ISnsClient>(services, sns => new RecordingSnsClient(sns, Calls));
    }

    /// <summary>
    /// Start, launch link, stack Create (role verified), Update (the same role), Delete; an off-boarding; a silo restart;
    /// an onboarding re-prompted twice and abandoned; a malformed event dead-lettered; a whitelist reconciliation; the operator's
    /// queries and readiness. Each step waits for its visible outcome, so every effect it causes has run.
    /// </summary>
    private async Task RunLifecycleAsync()
    {
        var events = new StackEvents(this);
        var notifications = await SubscribeToNotificationsAsync();

        // A customer's whole stack lifecycle.
        var (stacked, stack, templateUrl) = await events.StartAndLaunchAsync(Region);
        RecordPresignedRead(templateUrl);
        var physicalId = (await events.CreateAsync(stack)).GetProperty("PhysicalResourceId").GetString()!;
        await events.ReceiveContainingAsync(notifications, "CustomerActivated\",\"accountId\":\"" + stacked);
        Expect("SUCCESS", await events.CloudFormation.SendAsync(stack, "Update", physicalId));
        await events.ReceiveContainingAsync(notifications, "CustomerRoleUpdated\",\"accountId\":\"" + stacked);
        Expect("SUCCESS", await events.CloudFormation.SendAsync(stack, "Delete", physicalId));
        await events.ReceiveContainingAsync(notifications, "CustomerRemoved\",\"accountId\":\"" + stacked);

        // Off-boarded by the partner before any stack.
        var offBoarded = await StartAsync();
        (await Client.DeleteAsync($"/customers/{offBoarded}")).EnsureSuccessStatusCode();
        await events.ReceiveContainingAsync(notifications, "CustomerRemoved\",\"accountId\":\"" + offBoarded);

        // Stalled: re-prompted twice (Stalled:MaxReprompts of the fake-clock fixture), then abandoned. A silo restart
        // in between: the new silo checks the resources again, and the first re-prompt wakes a new activation by its reminder.
        var stalled = await StartAsync();
        var started = (await Grains.GetGrain<ICustomerGrain>(stalled).GetView())!;
        await RestartSiloAsync();
        var grain = Grains.GetGrain<ICustomerGrain>(stalled);
        await AdvanceToAsync(started.History.Last().At + TimeSpan.FromDays(1));
        await Eventually.TrueAsync(async () => (await grain.GetView())!.PromptCount == 1, "the first re-prompt");
        await AdvanceToAsync((await grain.GetView())!.LastPromptAt!.Value + TimeSpan.FromDays(1));
        await Eventually.TrueAsync(async () => (await grain.GetView())!.PromptCount == 2, "the second re-prompt");
        await AdvanceToAsync(started.CreatedAt + TimeSpan.FromDays(5));
        await events.ReceiveContainingAsync(notifications, "OnboardingAbandoned\",\"accountId\":\"" + stalled);

        // A malformed event goes to the dead-letter queue.
        var marker = Guid.NewGuid().ToString("N");
        using (var sqs = StandInClients.Sqs(Aws))
        {
            await sqs.SendMessageAsync((await sqs.GetQueueUrlAsync(Stack.PhysicalName("EventsQueue"))).QueueUrl, "not json " + marker);
        }
        await events.ReceiveContainingAsync(Stack.PhysicalName("EventsDeadLetterQueue"), marker);

        // Every topic's policy rebuilt from the records; the operator's reads.
        await Grains.GetGrain<IWhitelistReconcilerGrain>(0).ReconcileNow();
        (await Client.GetAsync("/customers?state=Removed&limit=10")).EnsureSuccessStatusCode();
        (await Client.GetAsync("/stats")).EnsureSuccessStatusCode();
        (await Client.GetAsync("/health/ready")).EnsureSuccessStatusCode();

        // Whatever the removals left to do outside the records: every account off its topic, every reminder gone.
        await Eventually.TrueAsync(async () => await TopicAccountsAsync(stack.TopicArn) is var members
            && !members.Contains(stacked) && !members.Contains(offBoarded) && !members.Contains(stalled), "every removed account off its topic");
    }

    private async Task<string> StartAsync()
    {
        var account = TestAccounts.Next();
        (await Client.PostAsJsonAsync("/customers", new { accountId = account, region = Region })).EnsureSuccessStatusCode();
        return account;
    }

    private static void Expect(string status, JsonElement answer)
    {
        if (answer.GetProperty("Status").GetString() != status) throw new InvalidOperationException($"CloudFormation got {answer}, not {status}.");
    }

    // A presigned template URL on the stand-in is path-style: /{bucket}/{key}?X-Amz-...
    private void RecordPresignedRead(Uri templateUrl)
    {
        var path = Uri.UnescapeDataString(templateUrl.AbsolutePath.TrimStart('/'));
        PresignedCalls.Add("s3:GetObject", "arn:aws:s3:::" + path);
    }

    /// <summary>A queue on the notifications topic, subscribed by the partner (the owner account), not by the service.</summary>
    private async Task<string> SubscribeToNotificationsAsync()
    {
        var owner = Aws.AccountSns.For(PartnerAccountId);
        using var sqs = StandInClients.Sqs(Aws);
        var name = "partner-" + Guid.NewGuid().ToString("N")[..8];
        var url = (await sqs.CreateQueueAsync(name)).QueueUrl;
        var arn = (await sqs.GetQueueAttributesAsync(url, ["QueueArn"])).QueueARN;
        var topicArn = await owner.CreateTopicAsync(Region, Stack.PhysicalName("NotificationsTopic"));
        await owner.SubscribeAsync(topicArn, "sqs", arn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" });
        return name;
    }

    private async Task<IReadOnlyCollection<string>> TopicAccountsAsync(string topicArn)
    {
        var policy = (await Aws.AccountSns.For(PartnerAccountId).GetTopicAttributesAsync(topicArn)).GetValueOrDefault("Policy");
        return [.. TopicPolicyDocument.Parse(policy, topicArn).CustomerAccounts];
    }

    /// <summary>Wraps the registered <typeparamref name="T"/> (the silo's own, made by its own factory) in <paramref name="wrap"/>.</summary>
    private static void Decorate<T>(IServiceCollection services, Func<T, T> wrap) where T : class
    {
        var registered = services.Last(d => d.ServiceType == typeof(T) && !d.IsKeyedService);
        services.Remove(registered);
        services.AddSingleton(sp => wrap((T)(registered.ImplementationFactory?.Invoke(sp)
            ?? registered.ImplementationInstance
            ?? ActivatorUtilities.CreateInstance(sp, registered.ImplementationType!))));
    }
}
