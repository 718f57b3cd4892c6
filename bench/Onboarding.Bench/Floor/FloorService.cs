using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Onboarding.Bench.Counting;
using Onboarding.Bench.Driving;
using Onboarding.Bench.Processes;
using Onboarding.Grains.Templates;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Silo.Events;
using Onboarding.Silo.Storage;

namespace Onboarding.Bench.Floor;

/// <summary>
/// The floor: the AWS calls the service makes per onboarding (measured by the bench's counters, see
/// docs/benchmarks.md), in the same order and with the same batching, made straight from the SDK clients —
/// no Orleans, no API, no state machine (and, as the service, no reminder per customer). Start: GetItem, PutItem, whitelist batch
/// (GetTopicAttributes + SetTopicAttributes), S3 PutObject + presign, counters, PutItem. Create request:
/// long-polling receivers as the silo's poller has them (Events:Receivers, MaxMessages, MaxInFlight,
/// WaitTimeSeconds; by default 2 receivers of up to 10 messages, 40 in flight, 20 s), each message started as it arrives, then per message
/// the role's verification (STS AssumeRole with the external id, without one, with a wrong one), PutItem, answer PUT, PutItem,
/// template DeleteObject, notification Publish, PutItem, DeleteMessage. Each move is
/// counted as the service counts it (<see cref="FloorCounters"/>): before the Templated and the last PutItem, and
/// alongside the answer after the Activating one.
/// </summary>
public sealed class FloorService : IOnboardingTarget, IAsyncDisposable
{
    public const string GrainTable = "floor-grain-state";
    private const string Bucket = "floor-templates";
    private const string Queue = "floor-events";
    private static readonly BasicAWSCredentials Credentials = new("local", "local");

    private readonly AmazonDynamoDBClient _dynamoDb;
    private readonly AmazonSQSClient _sqs;
    private readonly AmazonS3Client _s3;
    private readonly AmazonSecurityTokenServiceClient _sts;
    private readonly SnsClient _rawSns;
    private readonly ISnsClient _sns;
    private readonly HttpClient _answers;
    private readonly string _region;
    private readonly FloorWhitelist _whitelist;
    private readonly FloorCounters _counters;
    private readonly ConcurrentDictionary<string, FloorCustomerRecord> _customers = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stop = new();
    private string _queueUrl = "", _queueArn = "", _notificationsTopic = "";
    private Task _receiving = Task.CompletedTask;

    public AwsCallCounter Calls { get; } = new();
    public DynamoDbWriteUnits WriteUnits { get; }

    private readonly EventIntakeOptions _intake;
    private readonly SemaphoreSlim _slots;

    private FloorService(StandIns aws, string region, EventIntakeOptions intake)
    {
        _intake = intake;
        _slots = new SemaphoreSlim(intake.MaxInFlight, intake.MaxInFlight);
        _region = region;
        _dynamoDb = new AmazonDynamoDBClient(Credentials, new AmazonDynamoDBConfig { ServiceURL = aws.DynamoDbUrl.ToString(), AuthenticationRegion = "us-east-1" });
        _sqs = new AmazonSQSClient(Credentials, new AmazonSQSConfig { ServiceURL = aws.AwsUrl.ToString(), AuthenticationRegion = "us-east-1" });
        _s3 = new AmazonS3Client(Credentials, new AmazonS3Config { ServiceURL = aws.AwsUrl.ToString(), AuthenticationRegion = "us-east-1", ForcePathStyle = true });
        _sts = new AmazonSecurityTokenServiceClient(Credentials, new AmazonSecurityTokenServiceConfig { ServiceURL = aws.StsUrl.ToString(), AuthenticationRegion = "us-east-1" });
        _dynamoDb.CountInto("DynamoDB", Calls);
        WriteUnits = DynamoDbWriteUnits.Attach(_dynamoDb, Credentials);
        _sts.CountInto("STS", Calls);
        _sqs.CountInto("SQS", Calls);
        _s3.CountInto("S3", Calls);
        _rawSns = new SnsClient(Credentials, Options.Create(new SnsClientOptions { ServiceUrl = aws.AwsUrl }));
        _sns = new CountingSnsClient(_rawSns, Calls);
        _answers = new HttpClient(new CountingHandler(Calls, "S3", "PutObject(answer)") { InnerHandler = new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false } });
        _counters = new FloorCounters(_dynamoDb, GrainTable);
        _whitelist = new FloorWhitelist(_sns, topicArn => _sns.SubscribeAsync(topicArn, "sqs", _queueArn), region, "floor-events");
    }

    /// <param name="intake">The silo's event intake settings: the floor receives as the service's poller does.</param>
    public static async Task<FloorService> CreateAsync(StandIns aws, string region, EventIntakeOptions intake)
    {
        var floor = new FloorService(aws, region, intake);
        await floor.ProvisionAsync();
        return floor;
    }

    private async Task ProvisionAsync()
    {
        await DynamoDbGrainStorageTable.EnsureCreatedAsync(_dynamoDb, GrainTable, CancellationToken.None);
        await _s3.PutBucketAsync(Bucket);
        _queueUrl = (await _sqs.CreateQueueAsync(Queue)).QueueUrl;
        _queueArn = (await _sqs.GetQueueAttributesAsync(_queueUrl, ["QueueArn"])).QueueARN;
        _notificationsTopic = await _sns.CreateTopicAsync(_region, "floor-notifications");
        await _whitelist.OpenFirstTopicAsync();
        _receiving = Task.WhenAll(Enumerable.Range(0, _intake.Receivers).Select(_ => ReceiveLoopAsync(_stop.Token)));
    }

    public async Task<Uri> StartAsync(string accountId, CancellationToken cancellationToken)
    {
        var customer = _customers.GetOrAdd(accountId, a => new FloorCustomerRecord(a));
        // The activation's read, the record before the whitelist changes, and the Templated record (as the customer grain does).
        await _dynamoDb.GetItemAsync(new GetItemRequest { TableName = GrainTable, Key = customer.Key(), ConsistentRead = true }, cancellationToken);
        // The record carries what the service's does at each step (FloorCustomerRecord), so items are as large.
        customer.TopicArn = _whitelist.CurrentTopic;
        customer.TemplateKey = $"templates/{accountId}/{Guid.NewGuid():N}.json";
        var now = DateTimeOffset.UtcNow;
        customer.With(("StartedAt", now), ("MayBeOnTopic", true), ("Effects", new JsonArray(
            new JsonObject { ["effect"] = "join-topic", ["TopicArn"] = customer.TopicArn, ["Rollover"] = 0 },
            new JsonObject { ["effect"] = "publish-template", ["TemplateKey"] = customer.TemplateKey },
            new JsonObject { ["effect"] = "count-customer", ["Sequence"] = 1 })), ("CountSequence", 1));
        await _dynamoDb.PutItemAsync(customer.Write(GrainTable, "Pending", "onboarding started"), cancellationToken);

        customer.TopicArn = await _whitelist.AddAsync(accountId);

        await _s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = Bucket,
            Key = customer.TemplateKey,
            ContentBody = Template(customer),
            ContentType = "application/json",
            ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
        }, cancellationToken);
        var url = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = Bucket,
            Key = customer.TemplateKey,
            Verb = HttpVerb.GET,
            Expires = DateTime.UtcNow.AddDays(3),
            Protocol = Protocol.HTTP,
        });
        customer.LaunchUrl = LaunchUrlBuilder.Build(_region, new Uri(url), StackName.ForCustomer("PartnerOnboarding", accountId));
        customer.With(("Whitelisted", true), ("Effects", new JsonArray()),
            ("LaunchUrl", $"http://127.0.0.1:5080/launch/{accountId}-{customer.ExternalId}"), ("LaunchUrlExpiresAt", DateTimeOffset.UtcNow.AddDays(3)),
            ("Counted", "Templated"));
        // Counted before the write that records it, as the service's last start effect.
        await _counters.CountAsync(accountId, 1, from: null, "Templated");
        await _dynamoDb.PutItemAsync(customer.Write(GrainTable, "Templated", "template uploaded; launch URL issued"), cancellationToken);
        _counters.Settle(accountId);
        return customer.LaunchUrl;
    }

    /// <summary>The floor hands out the quick-create URL itself: there is no link to open.</summary>
    public Task<Uri> OpenLaunchLinkAsync(Uri launchLink, CancellationToken cancellationToken) => Task.FromResult(launchLink);

    /// <summary>As the silo's poller: receive what fits in the free slots (Events:MaxInFlight), start each message at once.</summary>
    private async Task ReceiveLoopAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _slots.WaitAsync(stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var slots = 1;
            while (slots < _intake.MaxMessages && _slots.Wait(0)) slots++;
            ReceiveMessageResponse response;
            try
            {
                response = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest
                {
                    QueueUrl = _queueUrl,
                    MaxNumberOfMessages = slots,
                    WaitTimeSeconds = _intake.WaitTimeSeconds,
                    VisibilityTimeout = (int)_intake.VisibilityTimeout.TotalSeconds,
                    MessageSystemAttributeNames = ["ApproximateReceiveCount", "SentTimestamp"],
                }, stop);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            var messages = response.Messages ?? [];
            if (messages.Count < slots) _slots.Release(slots - messages.Count);
            foreach (var message in messages) _ = HandleThenFreeSlotAsync(message);
        }
    }

    private async Task HandleThenFreeSlotAsync(Message message)
    {
        await Task.Yield();
        try
        {
            await HandleAsync(message);
        }
        finally
        {
            _slots.Release();
        }
    }

    private async Task HandleAsync(Message message)
    {
        using var envelope = JsonDocument.Parse(message.Body);
        using var request = JsonDocument.Parse(envelope.RootElement.GetProperty("Message").GetString()!);
        var r = request.RootElement;
        var stackId = r.GetProperty("StackId").GetString()!;
        var accountId = stackId.Split(':')[4];
        var customer = _customers[accountId];

        // The role's verification, as the silo's poller makes it before the customer decides.
        var roleArn = r.GetProperty("ResourceProperties").GetProperty("RoleArn").GetString()!;
        await _sts.AssumeRoleAsync(AssumeRole(roleArn, customer.ExternalId));
        await DeniedAsync(AssumeRole(roleArn, externalId: null));
        await DeniedAsync(AssumeRole(roleArn, "wrong-" + Guid.NewGuid().ToString("N")));

        var physicalId = $"onboarding-{accountId}-{(uint)stackId.GetHashCode():x8}{(uint)roleArn.GetHashCode():x8}";
        var requestId = r.GetProperty("RequestId").GetString()!;
        var answerFields = new JsonObject
        {
            ["Status"] = "SUCCESS",
            ["PhysicalResourceId"] = physicalId,
            ["StackId"] = stackId,
            ["RequestId"] = requestId,
            ["LogicalResourceId"] = r.GetProperty("LogicalResourceId").GetString()!,
        };
        var checkedAt = DateTimeOffset.UtcNow;
        customer.With(("RoleArn", roleArn), ("StackId", stackId), ("PhysicalResourceId", physicalId),
            ("AwaitingAcceptance", new JsonObject { ["StackId"] = stackId, ["RequestId"] = requestId, ["AnswerBy"] = checkedAt.AddMinutes(5) }),
            ("RoleCheck", new JsonObject { ["Outcome"] = "Verified", ["Reason"] = "verified", ["CheckedAt"] = checkedAt, ["Attempts"] = 1, ["NegativeChecks"] = true, ["IsVerified"] = true }),
            ("RoleVerifiedAt", checkedAt), ("RoleHealthSince", checkedAt), ("NegativeChecksAt", checkedAt),
            ("HandledRequests", new JsonArray(new JsonObject { ["StackId"] = stackId, ["RequestId"] = requestId, ["Answer"] = answerFields.DeepClone() })),
            ("Effects", new JsonArray(new JsonObject { ["effect"] = "count-customer", ["Sequence"] = 2, ["From"] = "Templated" })), ("CountSequence", 2));
        await _dynamoDb.PutItemAsync(customer.Write(GrainTable, "Activating", "stack created the role; answering CloudFormation"));
        // The service counts this move after it answers (the count alone does not hold up CloudFormation's answer).
        var counted = _counters.CountAsync(accountId, 2, "Templated", "Activating");
        var answer = JsonSerializer.SerializeToUtf8Bytes(answerFields);
        using (var put = new HttpRequestMessage(HttpMethod.Put, r.GetProperty("ResponseURL").GetString()) { Content = new ByteArrayContent(answer) })
        using (var answered = await _answers.SendAsync(put))
        {
            answered.EnsureSuccessStatusCode();
        }
        // Active only once CloudFormation accepted the answer, as the service does.
        customer.With(("AwaitingAcceptance", null), ("RoleUsable", true), ("Effects", new JsonArray(
            new JsonObject { ["effect"] = "delete-template", ["TemplateKey"] = customer.TemplateKey },
            new JsonObject
            {
                ["effect"] = "notify-partner",
                ["Notification"] = new JsonObject
                {
                    ["SchemaVersion"] = 1, ["EventId"] = Guid.NewGuid().ToString("N"), ["Type"] = "CustomerActivated", ["AccountId"] = accountId,
                    ["Reference"] = null, ["RoleArn"] = roleArn, ["StackId"] = stackId, ["Reason"] = null, ["OccurredAt"] = DateTimeOffset.UtcNow,
                    ["LaunchUrl"] = null, ["Prompt"] = null, ["RoleVerifiedAt"] = checkedAt, ["PageUrl"] = null,
                },
            },
            new JsonObject { ["effect"] = "count-customer", ["Sequence"] = 3, ["From"] = "Activating" })), ("Counted", "Activating"), ("CountSequence", 3));
        await counted;
        await _dynamoDb.PutItemAsync(customer.Write(GrainTable, "Active", "CloudFormation accepted the answer"));
        _counters.Settle(accountId);
        await _s3.DeleteObjectAsync(Bucket, customer.TemplateKey);
        await _sns.PublishAsync(_notificationsTopic, JsonSerializer.Serialize(new { type = "CustomerActivated", accountId, stackId, schemaVersion = 1 }), "CustomerActivated");
        customer.TemplateKey = null;
        customer.With(("Effects", new JsonArray()), ("Counted", "Active"));
        await _counters.CountAsync(accountId, 3, "Activating", "Active");
        await _dynamoDb.PutItemAsync(customer.Write(GrainTable, "Active", "follow-ups done"));
        _counters.Settle(accountId);
        await _sqs.DeleteMessageAsync(_queueUrl, message.ReceiptHandle);
    }

    private static AssumeRoleRequest AssumeRole(string roleArn, string? externalId) =>
        new() { RoleArn = roleArn, RoleSessionName = "onboarding-verification", ExternalId = externalId, DurationSeconds = 900 };

    private async Task DeniedAsync(AssumeRoleRequest request)
    {
        try
        {
            await _sts.AssumeRoleAsync(request);
            throw new InvalidOperationException($"STS let the partner assume {request.RoleArn} without the customer's external id.");
        }
        catch (AmazonSecurityTokenServiceException denied) when (denied.ErrorCode == "AccessDenied")
        {
        }
    }

    private string Template(FloorCustomerRecord customer) => RoleTemplateRenderer.Render(new RoleTemplateSpec
    {
        CustomerAccountId = customer.AccountId,
        ExternalId = customer.ExternalId,
        OnboardingToken = customer.ExternalId,
        TrustedPrincipalArn = "arn:aws:iam::111122223333:root",
        ServiceTokenTopicArn = customer.TopicArn!,
        ManagedPolicyArns = ["arn:aws:iam::aws:policy/SecurityAudit"],
        ServiceTimeoutSeconds = 300,
        CustomResourceType = "Custom::PartnerOnboarding",
        Description = "Grants the partner cross-account access with an external id.",
    });

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _receiving;
        _dynamoDb.Dispose();
        _sqs.Dispose();
        _s3.Dispose();
        _sts.Dispose();
        _rawSns.Dispose();
        _answers.Dispose();
    }
}
