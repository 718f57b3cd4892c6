using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Amazon.S3.Model;
using Onboarding.Silo.Aws.Sns;

namespace Onboarding.Tests.Infrastructure;

/// <summary>
/// Plays CloudFormation's side of an SNS-backed custom resource: reads the template the service
/// generated, publishes Create/Update/Delete requests to its ServiceToken topic with the documented
/// field names, a presigned S3 PUT URL (on the stand-in) as ResponseURL, and reads the answer back.
/// </summary>
public sealed class CloudFormationStandIn(LocalAwsStandIns aws, ISnsClient sns)
{
    private const string ResponsesBucket = "cfn-responses";
    private static readonly TimeSpan AnswerTimeout = TimeSpan.FromSeconds(30);
    private readonly AmazonS3Client _s3 = StandInClients.S3(aws);
    private bool _bucketReady;

    /// <summary>A stack launched from a template: its id, region, account and the custom resource's properties.</summary>
    public sealed record Stack(string StackId, string Region, string AccountId, string TopicArn, string ResourceType, Dictionary<string, string> Properties)
    {
        public string RoleArn(string name = "PartnerAccessRole-ABC123") => $"arn:aws:iam::{AccountId}:role/{name}";
    }

    /// <summary>What CloudFormation would hold after the stack's resources are created (the role exists, GetAtt resolved).</summary>
    public static Stack Launch(string templateJson, string accountId, string region)
    {
        var template = JsonNode.Parse(templateJson)!.AsObject();
        var resource = template["Resources"]!.AsObject().Select(r => r.Value!.AsObject()).Single(r => ((string?)r["Type"])!.StartsWith("Custom::", StringComparison.Ordinal));
        var stackId = $"arn:aws:cloudformation:{region}:{accountId}:stack/PartnerOnboarding-{accountId}/{Guid.NewGuid()}";
        var properties = new Dictionary<string, string>();
        foreach (var (name, value) in resource["Properties"]!.AsObject())
        {
            properties[name] = value switch
            {
                JsonValue scalar => scalar.ToString(),
                JsonObject function when function.ContainsKey("Fn::GetAtt") => $"arn:aws:iam::{accountId}:role/PartnerAccessRole-ABC123",
                JsonObject function when (string?)function["Ref"] == "AWS::AccountId" => accountId,
                _ => value!.ToJsonString(),
            };
        }
        return new Stack(stackId, region, accountId, properties["ServiceToken"], (string)resource["Type"]!, properties);
    }

    /// <summary>Publishes a request and waits for the service's answer on its ResponseURL.</summary>
    public async Task<JsonElement> SendAsync(
        Stack stack,
        string requestType,
        string? physicalResourceId = null,
        Action<JsonObject>? tamper = null,
        string? requestId = null)
    {
        var (request, answerKey) = await NewRequestAsync(stack, requestType, physicalResourceId, requestId);
        tamper?.Invoke(request);
        await PublishAsync(stack.TopicArn, request);
        return await AnswerAsync(answerKey);
    }

    /// <summary>Builds a request (with a fresh ResponseURL) without sending it; returns where its answer lands.</summary>
    public async Task<(JsonObject Request, string AnswerKey)> NewRequestAsync(Stack stack, string requestType, string? physicalResourceId, string? requestId = null)
    {
        await EnsureBucketAsync();
        var answerKey = $"{stack.AccountId}/{Guid.NewGuid():N}";
        var responseUrl = await _s3.GetPreSignedURLAsync(new GetPreSignedUrlRequest
        {
            BucketName = ResponsesBucket,
            Key = answerKey,
            Verb = HttpVerb.PUT,
            Protocol = Protocol.HTTP,
            Expires = DateTime.UtcNow.AddHours(2),
        });
        var properties = new JsonObject();
        foreach (var (name, value) in stack.Properties) properties[name] = value;
        var request = new JsonObject
        {
            ["RequestType"] = requestType,
            ["ServiceToken"] = stack.TopicArn,
            ["ResponseURL"] = responseUrl,
            ["StackId"] = stack.StackId,
            ["RequestId"] = requestId ?? Guid.NewGuid().ToString(),
            ["LogicalResourceId"] = "PartnerRegistration",
            ["ResourceType"] = stack.ResourceType,
            ["ResourceProperties"] = properties,
        };
        if (physicalResourceId is not null) request["PhysicalResourceId"] = physicalResourceId;
        if (requestType == "Update") request["OldResourceProperties"] = properties.DeepClone();
        return (request, answerKey);
    }

    public Task PublishAsync(string topicArn, JsonObject request) => sns.PublishAsync(topicArn, request.ToJsonString());

    /// <summary>Waits for the answer object, as CloudFormation polls for it.</summary>
    public async Task<JsonElement> AnswerAsync(string answerKey)
    {
        var deadline = DateTime.UtcNow + AnswerTimeout;
        while (true)
        {
            if (await TryReadAnswerAsync(answerKey) is { } answer) return answer;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"No answer at {answerKey} within {AnswerTimeout.TotalSeconds} s.");
            await Task.Delay(50);
        }
    }

    public async Task<JsonElement?> TryReadAnswerAsync(string answerKey)
    {
        try
        {
            using var response = await _s3.GetObjectAsync(ResponsesBucket, answerKey);
            using var document = await JsonDocument.ParseAsync(response.ResponseStream);
            return document.RootElement.Clone();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    private async Task EnsureBucketAsync()
    {
        if (_bucketReady) return;
        await _s3.PutBucketAsync(ResponsesBucket);
        _bucketReady = true;
    }
}
