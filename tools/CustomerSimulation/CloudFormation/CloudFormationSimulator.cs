using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>
/// Plays CloudFormation's side of an SNS-backed custom resource: publishes Create/Update/Delete requests
/// to the stack's ServiceToken topic with a presigned S3 PUT URL as ResponseURL (in
/// <paramref name="answerBucket"/>), and reads the answer object back as CloudFormation does.
/// </summary>
public class CloudFormationSimulator(IAmazonS3 s3, ISnsClient sns, string answerBucket = CloudFormationSimulator.DefaultAnswerBucket, AnswerPolling? polling = null)
{
    public const string DefaultAnswerBucket = "cfn-responses";

    private readonly AnswerPolling _polling = Validated(polling ?? AnswerPolling.Default);
    private readonly SemaphoreSlim _bucketOnce = new(1, 1);
    private volatile bool _bucketReady;

    /// <summary>A request ready to publish, and the key its answer will land at.</summary>
    public sealed record PendingRequest(JsonObject Request, string AnswerKey);

    /// <summary>Publishes a request and waits for the service's answer on its ResponseURL.</summary>
    public async Task<JsonElement> SendAsync(
        LaunchedStack stack,
        string requestType,
        string? physicalResourceId = null,
        Action<JsonObject>? tamper = null,
        string? requestId = null,
        CancellationToken cancellationToken = default)
    {
        var (request, answerKey) = await NewRequestAsync(stack, requestType, physicalResourceId, requestId, cancellationToken: cancellationToken);
        tamper?.Invoke(request);
        await PublishAsync(stack.TopicArn, request, cancellationToken);
        return await AnswerAsync(answerKey, cancellationToken);
    }

    /// <summary>Builds a request with a fresh ResponseURL without sending it; returns where its answer lands.</summary>
    public async Task<PendingRequest> NewRequestAsync(
        LaunchedStack stack,
        string requestType,
        string? physicalResourceId,
        string? requestId = null,
        IReadOnlyDictionary<string, string>? oldProperties = null,
        CancellationToken cancellationToken = default)
    {
        await EnsureBucketAsync(cancellationToken);
        var answerKey = $"{stack.AccountId}/{Guid.NewGuid():N}";
        // Presigning is local (no call): CloudFormation hands out a URL it made itself.
        var responseUrl = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = answerBucket,
            Key = answerKey,
            Verb = HttpVerb.PUT,
            Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            Expires = DateTime.UtcNow.AddHours(2),
        });
        return new PendingRequest(CustomResourceRequests.Build(stack, requestType, responseUrl, physicalResourceId, requestId, oldProperties), answerKey);
    }

    public Task PublishAsync(string topicArn, JsonObject request, CancellationToken cancellationToken = default) =>
        sns.PublishAsync(topicArn, request.ToJsonString(), subject: null, cancellationToken);

    /// <summary>Waits for the answer object, looking less and less often (see <see cref="AnswerPolling"/>).</summary>
    public async Task<JsonElement> AnswerAsync(string answerKey, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + _polling.Timeout;
        var delay = _polling.FirstDelay;
        while (true)
        {
            if (await TryReadAnswerAsync(answerKey, cancellationToken) is { } answer) return answer;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No answer at {answerKey} within {_polling.Timeout.TotalSeconds} s.");
            await Task.Delay(delay, cancellationToken);
            delay = TimeSpan.FromTicks(Math.Min((long)(delay.Ticks * _polling.Growth), _polling.MaxDelay.Ticks));
        }
    }

    public async Task<JsonElement?> TryReadAnswerAsync(string answerKey, CancellationToken cancellationToken = default)
    {
        try
        {
            using var response = await s3.GetObjectAsync(answerBucket, answerKey, cancellationToken);
            using var document = await JsonDocument.ParseAsync(response.ResponseStream, cancellationToken: cancellationToken);
            return document.RootElement.Clone();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task EnsureBucketAsync(CancellationToken cancellationToken)
    {
        if (_bucketReady) return;
        await _bucketOnce.WaitAsync(cancellationToken);
        try
        {
            if (_bucketReady) return;
            // Idempotent on the stand-in and for the bucket's owner on S3.
            await s3.PutBucketAsync(answerBucket, cancellationToken);
            _bucketReady = true;
        }
        finally
        {
            _bucketOnce.Release();
        }
    }

    private static AnswerPolling Validated(AnswerPolling polling)
    {
        var problems = polling.Problems().ToList();
        return problems.Count == 0 ? polling : throw new ArgumentException(string.Join("; ", problems), nameof(polling));
    }
}
