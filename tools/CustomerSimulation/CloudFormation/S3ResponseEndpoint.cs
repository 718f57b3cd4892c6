using System.Net;
using System.Text.Json;
using Amazon.S3;
using Amazon.S3.Model;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>
/// As on AWS: the ResponseURL is a presigned S3 PUT URL (here on the stand-in), and the answer object is
/// read back by polling, less and less often (see <see cref="AnswerPolling"/>).
/// </summary>
public sealed class S3ResponseEndpoint(IAmazonS3 s3, string bucket = S3ResponseEndpoint.DefaultBucket, AnswerPolling? polling = null) : IResponseEndpoint
{
    public const string DefaultBucket = "cfn-responses";

    private readonly AnswerPolling _polling = Validated(polling ?? AnswerPolling.Default);
    private readonly SemaphoreSlim _bucketOnce = new(1, 1);
    private volatile bool _bucketReady;

    public async Task<(string ResponseUrl, string AnswerKey)> NewAsync(string accountId, CancellationToken cancellationToken)
    {
        await EnsureBucketAsync(cancellationToken);
        var answerKey = $"{accountId}/{Guid.NewGuid():N}";
        // Presigning is local (no call): CloudFormation hands out a URL it made itself.
        var responseUrl = await s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = bucket,
            Key = answerKey,
            Verb = HttpVerb.PUT,
            Protocol = s3.Config.ServiceURL?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS,
            Expires = DateTime.UtcNow.AddHours(2),
        });
        return (responseUrl, answerKey);
    }

    public async Task<JsonElement> AnswerAsync(string answerKey, CancellationToken cancellationToken)
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

    public async Task<JsonElement?> TryReadAnswerAsync(string answerKey, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await s3.GetObjectAsync(bucket, answerKey, cancellationToken);
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
            await s3.PutBucketAsync(bucket, cancellationToken);
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
