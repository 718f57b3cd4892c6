using System.Collections.Concurrent;
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

    // The roles this simulator's stacks created: CloudFormation creates a stack's role once (a renamed role is a new one).
    private readonly ConcurrentDictionary<(string StackId, string RoleArn), StackRole> _roles = new();

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
        // On behalf of the stack's account, whatever a tampered request claims (a forgery comes from an account the topic admits).
        await PublisherFor(stack.AccountId).PublishAsync(stack.TopicArn, request.ToJsonString(), subject: null, cancellationToken);
        return await AnswerAsync(answerKey, cancellationToken);
    }

    /// <summary>
    /// Updates the stack with another template, as CloudFormation does once the customer replaced it: the custom resource's
    /// Update (its old properties with it) goes to the topic, and the answer comes back. Returns the updated stack and the answer.
    /// </summary>
    public async Task<(LaunchedStack Stack, JsonElement Answer)> UpdateStackAsync(
        LaunchedStack stack, string templateJson, string physicalResourceId, CancellationToken cancellationToken = default)
    {
        var updated = stack.UpdatedTo(templateJson);
        var (request, answerKey) = await NewRequestAsync(updated, CustomResourceRequests.Update, physicalResourceId, oldProperties: stack.Properties, cancellationToken: cancellationToken);
        await PublisherFor(updated.AccountId).PublishAsync(updated.TopicArn, request.ToJsonString(), subject: null, cancellationToken);
        return (updated, await AnswerAsync(answerKey, cancellationToken));
    }

    /// <summary>
    /// Builds a request with a fresh ResponseURL without sending it; returns where its answer lands. With
    /// <see cref="Iam"/> set, a Create or Update of a stack launched from a template first creates the stack's role
    /// (once per stack and role name), as CloudFormation creates the role before the custom resource that names it.
    /// </summary>
    public async Task<PendingRequest> NewRequestAsync(
        LaunchedStack stack,
        string requestType,
        string? physicalResourceId,
        string? requestId = null,
        IReadOnlyDictionary<string, string>? oldProperties = null,
        CancellationToken cancellationToken = default)
    {
        if (requestType is CustomResourceRequests.Create or CustomResourceRequests.Update) await CreateStackRoleAsync(stack, cancellationToken);
        var (responseUrl, answerKey) = await responses.NewAsync(stack.AccountId, cancellationToken);
        return new PendingRequest(CustomResourceRequests.Build(stack, requestType, responseUrl, physicalResourceId, requestId, oldProperties), answerKey);
    }

    /// <summary>Publishes a request on behalf of the account its StackId names (see <see cref="PublishAsAccount"/>).</summary>
    public Task PublishAsync(string topicArn, JsonObject request, CancellationToken cancellationToken = default) =>
        PublisherFor(AccountOf(request)).PublishAsync(topicArn, request.ToJsonString(), subject: null, cancellationToken);

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
    /// <remarks>The stack's later requests leave this role as it is (trust policy, propagation delay), as CloudFormation does.</remarks>
    public async Task<StackRole> CreateRoleAsync(LaunchedStack stack, string templateJson, DateTimeOffset? notAssumableUntil = null, CancellationToken cancellationToken = default)
    {
        var role = StackRole.FromTemplate(templateJson, stack);
        await RequireIam().PutRoleAsync(role.Arn, role.TrustPolicyJson, role.MaxSessionDuration, notAssumableUntil, cancellationToken);
        _roles[(stack.StackId, role.Arn)] = role;
        return role;
    }

    // The role the template defines for the stack's RoleArn, unless this stack created it already (or has no template, or no Iam).
    private async Task CreateStackRoleAsync(LaunchedStack stack, CancellationToken cancellationToken)
    {
        if (Iam is null || stack.TemplateJson is not { } template) return;
        var role = StackRole.FromTemplate(template, stack);
        if (_roles.ContainsKey((stack.StackId, role.Arn))) return;
        await CreateRoleAsync(stack, template, cancellationToken: cancellationToken);
    }

    /// <summary>A customer who changes the role's trust policy by hand (or a stack update that does).</summary>
    public Task SetTrustPolicyAsync(string roleArn, string trustPolicyJson, DateTimeOffset? notAssumableUntil = null, CancellationToken cancellationToken = default) =>
        RequireIam().SetTrustPolicyAsync(roleArn, trustPolicyJson, notAssumableUntil, cancellationToken);

    /// <summary>A customer who deletes the role (by hand, or with the stack); false if it was gone already.</summary>
    public Task<bool> DeleteRoleAsync(string roleArn, CancellationToken cancellationToken = default) =>
        RequireIam().DeleteRoleAsync(roleArn, cancellationToken);

    private LocalIamClient RequireIam() =>
        Iam ?? throw new InvalidOperationException($"Set {nameof(Iam)} (the STS stand-in's role registry) to create, change or delete roles.");

    private ISnsClient PublisherFor(string? account) => PublishAsAccount is { } publishAs && account is not null ? publishAs(account) : sns;

    // The stack's account is in its id: arn:aws:cloudformation:<region>:<account>:stack/<name>/<guid>.
    private static string? AccountOf(JsonObject request) =>
        request["StackId"] is JsonValue stackId && stackId.TryGetValue(out string? id) && id.Split(':') is [_, _, _, _, var account, ..] ? account : null;
}
