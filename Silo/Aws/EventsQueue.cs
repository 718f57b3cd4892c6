using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Onboarding.Silo.Configuration;

namespace Onboarding.Silo.Aws;

/// <summary>The events queue's URL and ARN, looked up once (they never change for a queue name).</summary>
public sealed class EventsQueue(IAmazonSQS sqs, IOptions<ResourceOptions> resources)
{
    private readonly SemaphoreSlim _lookup = new(1, 1);
    private (string Url, string Arn)? _address;

    public async Task<(string Url, string Arn)> GetAddressAsync(CancellationToken cancellationToken)
    {
        if (_address is { } known) return known;
        await _lookup.WaitAsync(cancellationToken);
        try
        {
            if (_address is { } raced) return raced;
            var url = (await sqs.GetQueueUrlAsync(resources.Value.EventsQueue, cancellationToken)).QueueUrl;
            var attributes = await sqs.GetQueueAttributesAsync(new GetQueueAttributesRequest
            {
                QueueUrl = url,
                AttributeNames = [QueueAttributeName.QueueArn],
            }, cancellationToken);
            _address = (url, attributes.QueueARN);
            return _address.Value;
        }
        finally
        {
            _lookup.Release();
        }
    }
}
