using System.Net;
using System.Text.Json;
using Amazon.SQS;
using Amazon.SQS.Model;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Sns;

namespace Onboarding.Tests.Integration.Sns;

/// <summary>Every client operation against fauxqs (the SNS stand-in).</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class SnsClientStandInTests(LocalAwsStandIns aws) : IDisposable
{
    private const string Region = "us-east-1";
    private const int LongPollSeconds = 10;

    private readonly SnsClient _sns = SnsTestClients.ForStandIn(aws);
    private readonly AmazonSQSClient _sqs = StandInClients.Sqs(aws);

    public void Dispose()
    {
        _sns.Dispose();
        _sqs.Dispose();
    }

    [Fact]
    public async Task CreateTopic_twice_returns_the_same_arn()
    {
        var name = SnsTestClients.UniqueName("twice");

        var first = await _sns.CreateTopicAsync(Region, name);
        var second = await _sns.CreateTopicAsync(Region, name);

        Assert.Equal($"arn:aws:sns:{Region}:000000000000:{name}", first);
        Assert.Equal(first, second);
    }

    [Fact]
    public async Task Topics_in_two_regions_get_arns_of_their_region()
    {
        var name = SnsTestClients.UniqueName("regional");

        var east = await _sns.CreateTopicAsync("us-east-1", name);
        var west = await _sns.CreateTopicAsync("eu-west-1", name);

        Assert.StartsWith("arn:aws:sns:us-east-1:", east);
        Assert.StartsWith("arn:aws:sns:eu-west-1:", west);
        // Calls on the eu-west-1 ARN are routed (and signed) for eu-west-1, so they find that topic.
        Assert.Equal(west, (await _sns.GetTopicAttributesAsync(west))["TopicArn"]);
    }

    [Fact]
    public async Task A_new_topic_has_the_stand_ins_default_attributes_and_no_policy()
    {
        var arn = await _sns.CreateTopicAsync(Region, SnsTestClients.UniqueName("fresh"));

        var attributes = await _sns.GetTopicAttributesAsync(arn);

        Assert.Equal(arn, attributes["TopicArn"]);
        Assert.Equal("000000000000", attributes["Owner"]);
        Assert.Equal("0", attributes["SubscriptionsConfirmed"]);
        // AWS returns a default Policy here; fauxqs does not, so read-modify-write code must handle both.
        Assert.False(attributes.ContainsKey("Policy"));
    }

    [Fact]
    public async Task A_policy_full_of_form_special_and_non_ascii_characters_round_trips_byte_identical()
    {
        var arn = await _sns.CreateTopicAsync(Region, SnsTestClients.UniqueName("policy"));
        var policy = $$"""
            {"Version":"2012-10-17","Statement":[{"Sid":"a+b/c=d e&f?g%h","Effect":"Allow",
            "Principal":{"AWS":"arn:aws:iam::111122223333:root"},"Action":"sns:Publish","Resource":"{{arn}}",
            "Condition":{"StringEquals":{"x":"Zürich – 東京 ✓ +/= &amp;"} } }]}
            """;

        await _sns.SetTopicAttributeAsync(arn, "Policy", policy);
        var attributes = await _sns.GetTopicAttributesAsync(arn);

        Assert.Equal(policy, attributes["Policy"], StringComparer.Ordinal);
    }

    [Fact]
    public async Task A_published_message_reaches_a_subscribed_queue_in_the_sns_envelope()
    {
        var topicArn = await _sns.CreateTopicAsync(Region, SnsTestClients.UniqueName("fanout"));
        var (queueUrl, queueArn) = await CreateQueueAsync();
        var subscriptionArn = await _sns.SubscribeAsync(topicArn, "sqs", queueArn);
        const string message = "{\"hello\":\"Grüße aus Köln – こんにちは ✓ +/=&\"}";

        var messageId = await _sns.PublishAsync(topicArn, message, subject: "Gruß");

        using var envelope = JsonDocument.Parse(await ReceiveOneAsync(queueUrl));
        Assert.Equal("Notification", envelope.RootElement.GetProperty("Type").GetString());
        Assert.Equal(messageId, envelope.RootElement.GetProperty("MessageId").GetString());
        Assert.Equal(topicArn, envelope.RootElement.GetProperty("TopicArn").GetString());
        Assert.Equal("Gruß", envelope.RootElement.GetProperty("Subject").GetString());
        Assert.Equal(message, envelope.RootElement.GetProperty("Message").GetString());
        Assert.StartsWith(topicArn + ":", subscriptionArn);
    }

    [Fact]
    public async Task Raw_message_delivery_set_at_subscribe_delivers_the_bare_message()
    {
        var topicArn = await _sns.CreateTopicAsync(Region, SnsTestClients.UniqueName("raw"));
        var (queueUrl, queueArn) = await CreateQueueAsync();
        await _sns.SubscribeAsync(topicArn, "sqs", queueArn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" });
        const string message = "bare – ünïcødé ✓";

        await _sns.PublishAsync(topicArn, message);

        Assert.Equal(message, await ReceiveOneAsync(queueUrl));
    }

    [Fact]
    public async Task ListSubscriptionsByTopic_shows_the_subscription()
    {
        var topicArn = await _sns.CreateTopicAsync(Region, SnsTestClients.UniqueName("listed"));
        var otherTopicArn = await _sns.CreateTopicAsync(Region, SnsTestClients.UniqueName("other"));
        var (_, queueArn) = await CreateQueueAsync();
        var subscriptionArn = await _sns.SubscribeAsync(topicArn, "sqs", queueArn);
        await _sns.SubscribeAsync(otherTopicArn, "sqs", queueArn);

        var subscriptions = await _sns.ListSubscriptionsByTopicAsync(topicArn);

        var subscription = Assert.Single(subscriptions);
        Assert.Equal(new SnsSubscription(subscriptionArn, topicArn, "sqs", queueArn, "000000000000"), subscription);
    }

    [Fact]
    public async Task GetTopicAttributes_of_a_missing_topic_throws_not_found()
    {
        var missing = $"arn:aws:sns:{Region}:000000000000:{SnsTestClients.UniqueName("missing")}";

        var error = await Assert.ThrowsAsync<SnsNotFoundException>(() => _sns.GetTopicAttributesAsync(missing));

        Assert.Equal("NotFound", error.Code);
        Assert.Equal(HttpStatusCode.NotFound, error.StatusCode);
        Assert.False(string.IsNullOrEmpty(error.RequestId));
    }

    [Fact]
    public async Task Publish_to_a_missing_topic_throws_not_found()
    {
        var missing = $"arn:aws:sns:{Region}:000000000000:{SnsTestClients.UniqueName("missing")}";

        var error = await Assert.ThrowsAsync<SnsNotFoundException>(() => _sns.PublishAsync(missing, "lost"));

        Assert.Equal("NotFound", error.Code);
    }

    [Fact]
    public async Task An_unknown_topic_attribute_throws_invalid_parameter()
    {
        var arn = await _sns.CreateTopicAsync(Region, SnsTestClients.UniqueName("badattr"));

        var error = await Assert.ThrowsAsync<SnsInvalidParameterException>(() => _sns.SetTopicAttributeAsync(arn, "NoSuchAttribute", "x"));

        Assert.Equal("InvalidParameter", error.Code);
        Assert.Equal(HttpStatusCode.BadRequest, error.StatusCode);
    }

    private async Task<(string Url, string Arn)> CreateQueueAsync()
    {
        var queue = await _sqs.CreateQueueAsync(new CreateQueueRequest { QueueName = SnsTestClients.UniqueName("q") });
        var attributes = await _sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
        {
            QueueUrl = queue.QueueUrl,
            AttributeNames = ["QueueArn"],
        });
        return (queue.QueueUrl, attributes.Attributes["QueueArn"]);
    }

    /// <summary>Long-polls until one message arrives.</summary>
    private Task<string> ReceiveOneAsync(string queueUrl) =>
        Eventually.ValueAsync(async () =>
        {
            var received = await _sqs.ReceiveMessageAsync(
                new ReceiveMessageRequest { QueueUrl = queueUrl, WaitTimeSeconds = LongPollSeconds, MaxNumberOfMessages = 1 });
            return received.Messages is [var message, ..] ? message.Body : null;
        }, $"a message on {queueUrl}");
}
