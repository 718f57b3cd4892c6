using Amazon.SQS.Model;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;

namespace Onboarding.Tests.Integration.Events;

[Collection(ServiceCollectionDefinition.Name)]
public sealed class MalformedMessageTests(OnboardingService service)
{
    private readonly StackEvents _events = new(service);

    [Theory]
    [InlineData("not json {marker}")]
    [InlineData("{\"marker\": \"{marker}\"}")]
    [InlineData("{\"Type\": \"Notification\", \"TopicArn\": \"arn:aws:sns:us-east-1:000000000000:x\", \"Message\": \"{marker} is not a request\"}")]
    [InlineData("{\"RequestType\": \"Create\", \"ResponseURL\": \"not a url\", \"StackId\": \"{marker}\"}")]
    public async Task An_unparseable_message_goes_to_the_dead_letter_queue_and_the_poller_keeps_going(string body)
    {
        var marker = Guid.NewGuid().ToString("N");
        await SendRawAsync(body.Replace("{marker}", marker, StringComparison.Ordinal));

        var dead = await _events.ReceiveContainingAsync("onboarding-events-dlq", marker);
        Assert.StartsWith("unparseable", dead.MessageAttributes["FailureReason"].StringValue);

        // The poller survived: a real onboarding still completes.
        var (_, stack, _) = await _events.StartAndLaunchAsync();
        Assert.Equal("SUCCESS", (await _events.CloudFormation.SendAsync(stack, "Create")).GetProperty("Status").GetString());
    }

    [Fact]
    public async Task A_256_KB_body_goes_to_the_dead_letter_queue()
    {
        var marker = Guid.NewGuid().ToString("N");
        var body = $"{{\"marker\": \"{marker}\", \"padding\": \"{new string('x', 256 * 1024 - 100)}\"}}";
        await SendRawAsync(body);

        var dead = await _events.ReceiveContainingAsync("onboarding-events-dlq", marker);
        Assert.StartsWith("unparseable", dead.MessageAttributes["FailureReason"].StringValue);
    }

    private async Task SendRawAsync(string body)
    {
        using var sqs = StandInClients.Sqs(service.Aws);
        var url = (await sqs.GetQueueUrlAsync("onboarding-events")).QueueUrl;
        await sqs.SendMessageAsync(new SendMessageRequest { QueueUrl = url, MessageBody = body });
    }
}
