using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.CustomerSimulation.CloudFormation;

/// <summary>
/// Plays CloudFormation's side of an SNS-backed custom resource: publishes Create/Update/Delete requests
/// to the stack's ServiceToken topic with a ResponseURL from <paramref name="responses"/>, and waits for
/// the answer there as CloudFormation does.
/// </summary>
public class CloudFormationSimulator(IResponseEndpoint responses, ISnsClient sns)
{
    /// <summary>Answers in an S3 bucket (presigned PUT URLs), as on AWS.</summary>
    public CloudFormationSimulator(IAmazonS3 s3, ISnsClient sns)
        : this(new S3ResponseEndpoint(s3), sns)
    {
    }

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
        var (responseUrl, answerKey) = await responses.NewAsync(stack.AccountId, cancellationToken);
        return new PendingRequest(CustomResourceRequests.Build(stack, requestType, responseUrl, physicalResourceId, requestId, oldProperties), answerKey);
    }

    public Task PublishAsync(string topicArn, JsonObject request, CancellationToken cancellationToken = default) =>
        sns.PublishAsync(topicArn, request.ToJsonString(), subject: null, cancellationToken);

    public Task<JsonElement> AnswerAsync(string answerKey, CancellationToken cancellationToken = default) =>
        responses.AnswerAsync(answerKey, cancellationToken);

    public Task<JsonElement?> TryReadAnswerAsync(string answerKey, CancellationToken cancellationToken = default) =>
        responses.TryReadAnswerAsync(answerKey, cancellationToken);
}
