using System.Text.Json;
using System.Text.Json.Nodes;
using Amazon.S3;
using Onboarding.CustomerSimulation.LocalAws;
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
        PublisherFor(request).PublishAsync(topicArn, request.ToJsonString(), subject: null, cancellationToken);

    public Task<JsonElement> AnswerAsync(string answerKey, CancellationToken cancellationToken = default) =>
        responses.AnswerAsync(answerKey, cancellationToken);

    public Task<JsonElement?> TryReadAnswerAsync(string answerKey, CancellationToken cancellationToken = default) =>
        responses.TryReadAnswerAsync(answerKey, cancellationToken);

    /// <summary>
    /// Opt-in: publish as the stack's account (CloudFormation publishes on the account's behalf, so the
    /// topic policy must admit it): this gives the SNS client signing as that account, e.g.
    /// <see cref="AccountSnsClients.For"/>. Unset (or a request whose StackId names no account): the client given to the constructor.
    /// </summary>
    public Func<string, ISnsClient>? PublishAsAccount { get; init; }

    /// <summary>Opt-in: the STS stand-in's role registry, where <see cref="CreateRoleAsync"/> and its siblings put the stack's role.</summary>
    public LocalIamClient? Iam { get; init; }

    /// <summary>
    /// Creates the stack's role as CloudFormation does before it sends the custom resource's Create: the
    /// template's role with its trust policy exactly as rendered (see <see cref="StackRole.FromTemplate"/>).
    /// </summary>
    /// <param name="notAssumableUntil">Until then STS denies the role, as IAM does while a new role propagates.</param>
    public async Task<StackRole> CreateRoleAsync(LaunchedStack stack, string templateJson, DateTimeOffset? notAssumableUntil = null, CancellationToken cancellationToken = default)
    {
        var role = StackRole.FromTemplate(templateJson, stack);
        await RequireIam().PutRoleAsync(role.Arn, role.TrustPolicyJson, role.MaxSessionDuration, notAssumableUntil, cancellationToken);
        return role;
    }

    /// <summary>A customer who changes the role's trust policy by hand (or a stack update that does).</summary>
    public Task SetTrustPolicyAsync(string roleArn, string trustPolicyJson, DateTimeOffset? notAssumableUntil = null, CancellationToken cancellationToken = default) =>
        RequireIam().SetTrustPolicyAsync(roleArn, trustPolicyJson, notAssumableUntil, cancellationToken);

    /// <summary>A customer who deletes the role (by hand, or with the stack); false if it was gone already.</summary>
    public Task<bool> DeleteRoleAsync(string roleArn, CancellationToken cancellationToken = default) =>
        RequireIam().DeleteRoleAsync(roleArn, cancellationToken);

    private LocalIamClient RequireIam() =>
        Iam ?? throw new InvalidOperationException($"Set {nameof(Iam)} (the STS stand-in's role registry) to create, change or delete roles.");

    // The stack's account is in its id: arn:aws:cloudformation:<region>:<account>:stack/<name>/<guid>.
    private ISnsClient PublisherFor(JsonObject request) =>
        PublishAsAccount is { } publishAs
        && request["StackId"] is JsonValue stackId && stackId.TryGetValue(out string? id) && id.Split(':') is [_, _, _, _, var account, ..]
            ? publishAs(account)
            : sns;
}
