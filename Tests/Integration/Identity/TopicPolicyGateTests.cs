using System.Net;
using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using Amazon.SQS;
using Amazon.SQS.Model;
using Microsoft.Extensions.Options;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Grains.Whitelist;
using Onboarding.Silo.Aws;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Sns;

namespace Onboarding.Tests.Integration.Identity;

/// <summary>
/// The SNS publish gate on the stand-in: the topic policy as the service writes it (its own policy code and
/// gateway) decides which accounts publish, through the project's SNS client.
/// </summary>
[Collection(LocalAwsCollection.Name)]
public sealed class TopicPolicyGateTests(LocalAwsStandIns aws) : IAsyncLifetime
{
    private readonly SnsClient _owner = SnsTestClients.ForStandIn(aws);
    private readonly AccountSnsClients _accounts = new(aws.AwsUrl);
    private readonly AmazonSQSClient _sqs = StandInClients.Sqs(aws);
    private readonly HashSet<string> _received = [];
    private string _topicArn = "";
    private string _queueUrl = "";

    public async Task InitializeAsync()
    {
        _topicArn = await _owner.CreateTopicAsync("us-east-1", SnsTestClients.UniqueName("gate"));
        _queueUrl = (await _sqs.CreateQueueAsync(SnsTestClients.UniqueName("gate"))).QueueUrl;
        var queueArn = (await _sqs.GetQueueAttributesAsync(_queueUrl, ["QueueArn"])).QueueARN;
        await _owner.SubscribeAsync(_topicArn, "sqs", queueArn, new Dictionary<string, string> { ["RawMessageDelivery"] = "true" });
    }

    public Task DisposeAsync()
    {
        _owner.Dispose();
        _accounts.Dispose();
        _sqs.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task An_account_on_the_topic_policy_publishes_and_one_not_on_it_gets_AuthorizationError_and_never_reaches_the_queue()
    {
        var (whitelisted, stranger) = (TestAccounts.Next(), TestAccounts.Next());
        await EditPolicyAsync(add: [whitelisted]);

        await _accounts.For(whitelisted).PublishAsync(_topicArn, "from-whitelisted");
        await AssertRefusedAsync(_accounts.For(stranger), "from-stranger", "AuthorizationError", LocalAwsAccounts.UserArn(stranger));

        await AssertQueueGotOnlyAsync(expected: "from-whitelisted", absent: "from-stranger");
    }

    [Fact]
    public async Task An_account_removed_from_the_topic_policy_can_no_longer_publish()
    {
        var customer = TestAccounts.Next();
        await EditPolicyAsync(add: [customer]);
        await _accounts.For(customer).PublishAsync(_topicArn, "while-whitelisted");

        await EditPolicyAsync(remove: [customer]);

        await AssertRefusedAsync(_accounts.For(customer), "after-removal", "AuthorizationError", LocalAwsAccounts.UserArn(customer));
        await AssertQueueGotOnlyAsync(expected: "while-whitelisted", absent: "after-removal");
    }

    [Fact]
    public async Task A_role_session_publishes_as_its_roles_account_and_unknown_keys_are_refused()
    {
        var (whitelisted, stranger) = (TestAccounts.Next(), TestAccounts.Next());
        await EditPolicyAsync(add: [whitelisted]);
        using var iam = new LocalIamClient(aws.StsUrl);

        using var whitelistedSession = await AssumeOwnRoleAsync(iam, whitelisted);
        using var strangerSession = await AssumeOwnRoleAsync(iam, stranger);
        using var unknown = SnsClientFor(new BasicAWSCredentials("AKIANOBODYKNOWS00000", "secret"));

        await whitelistedSession.PublishAsync(_topicArn, "from-whitelisted-session");
        await AssertRefusedAsync(strangerSession, "from-stranger-session", "AuthorizationError", $"arn:aws:sts::{stranger}:assumed-role/Publisher/publish");
        await AssertRefusedAsync(unknown, "from-unknown-key", "InvalidClientTokenId", "security token included in the request is invalid");
        await AssertQueueGotOnlyAsync(expected: "from-whitelisted-session", absent: ["from-stranger-session", "from-unknown-key"]);
    }

    [Fact]
    public async Task An_organization_statement_admits_the_organizations_accounts_and_no_longer_one_that_left()
    {
        var (organization, member, leaver, stranger) = ("o-" + Guid.NewGuid().ToString("N")[..10], TestAccounts.Next(), TestAccounts.Next(), TestAccounts.Next());
        using var organizations = new LocalOrganizationsClient(aws.AwsUrl);
        await organizations.JoinAsync(organization, member);
        await organizations.JoinAsync(organization, leaver);
        await EditPolicyAsync(organization: organization);

        await _accounts.For(member).PublishAsync(_topicArn, "from-member");
        await _accounts.For(leaver).PublishAsync(_topicArn, "from-leaver-while-member");
        Assert.True(await organizations.LeaveAsync(organization, leaver));

        await AssertRefusedAsync(_accounts.For(leaver), "from-leaver-after-leaving", "AuthorizationError", LocalAwsAccounts.UserArn(leaver));
        await AssertRefusedAsync(_accounts.For(stranger), "from-stranger", "AuthorizationError", LocalAwsAccounts.UserArn(stranger));
        await AssertQueueGotOnlyAsync(expected: "from-member", absent: ["from-leaver-after-leaving", "from-stranger"]);
        Assert.Contains("from-leaver-while-member", _received);
    }

    // What TopicPolicyGrain does: read the policy, apply the edit, write it back through the service's gateway.
    private async Task EditPolicyAsync(IReadOnlyCollection<string>? add = null, IReadOnlyCollection<string>? remove = null, string? organization = null)
    {
        var gateway = new SnsTopicPolicyGateway(_owner);
        var (current, organizationAdded) = TopicPolicyDocument.Parse(await gateway.GetPolicyAsync(_topicArn, default), _topicArn)
            .WithOrganizations(organization is null ? [] : [organization], []);
        var edit = current.Apply(add ?? [], remove ?? [], TopicPolicyLimits.Sns);
        Assert.True(edit.Changed || organizationAdded);
        await gateway.SetPolicyAsync(_topicArn, edit.PolicyJson, default);
    }

    // A role in the account trusting the account itself, assumed by the account's own user.
    private async Task<SnsClient> AssumeOwnRoleAsync(LocalIamClient iam, string account)
    {
        var roleArn = $"arn:aws:iam::{account}:role/Publisher";
        await iam.PutRoleAsync(roleArn, $$"""{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::{{account}}:root"},"Action":"sts:AssumeRole"}]}""");
        using var sts = StsClients.For(aws, LocalAwsAccounts.ForAccount(account));
        var credentials = (await sts.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = roleArn, RoleSessionName = "publish" })).Credentials;
        return SnsClientFor(new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
    }

    private SnsClient SnsClientFor(AWSCredentials credentials) =>
        new(credentials, Options.Create(new SnsClientOptions { ServiceUrl = aws.AwsUrl }));

    private async Task AssertRefusedAsync(ISnsClient sns, string message, string code, string messagePart)
    {
        var refused = await Assert.ThrowsAsync<SnsAuthorizationException>(() => sns.PublishAsync(_topicArn, message));
        Assert.Equal(code, refused.Code);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Contains(messagePart, refused.ErrorMessage);
    }

    // Publishing to fauxqs enqueues before it answers: once the owner's marker, published last, is in the
    // queue, everything published earlier is too, so what is missing then never arrived.
    private async Task AssertQueueGotOnlyAsync(string expected, params string[] absent)
    {
        var last = "owner-" + Guid.NewGuid().ToString("N");
        await _owner.PublishAsync(_topicArn, last);
        await Eventually.TrueAsync(async () =>
        {
            var batch = await _sqs.ReceiveMessageAsync(new ReceiveMessageRequest { QueueUrl = _queueUrl, MaxNumberOfMessages = 10, WaitTimeSeconds = 1 });
            foreach (var message in batch.Messages ?? []) _received.Add(message.Body);
            return _received.Contains(last);
        }, "the owner's last message to reach the queue");
        Assert.Contains(expected, _received);
        foreach (var refused in absent) Assert.DoesNotContain(refused, _received);
    }
}
