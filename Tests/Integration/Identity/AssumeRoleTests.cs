using System.Net;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Sns;

namespace Onboarding.Tests.Integration.Identity;

/// <summary>The STS stand-in through the real SDK client: roles registered from the service's template, decided by their trust policy.</summary>
[Collection(LocalAwsCollection.Name)]
public sealed class AssumeRoleTests : IDisposable
{
    private const string SessionName = "onboarding-check";

    private readonly LocalAwsStandIns _aws;
    private readonly LocalIamClient _iam;
    private readonly SnsClient _sns;
    private readonly AmazonSecurityTokenServiceClient _partner;
    private readonly CloudFormationSimulator _cloudFormation;

    public AssumeRoleTests(LocalAwsStandIns aws)
    {
        _aws = aws;
        _iam = new LocalIamClient(aws.StsUrl);
        _sns = SnsTestClients.ForStandIn(aws);
        _partner = StsClients.For(aws, LocalAwsAccounts.Owner);
        _cloudFormation = new CloudFormationStandIn(aws, _sns) { Iam = _iam };
    }

    public void Dispose()
    {
        _iam.Dispose();
        _sns.Dispose();
        _partner.Dispose();
    }

    [Fact]
    public async Task The_partner_assumes_a_rendered_role_with_its_external_id_and_its_temporary_credentials_act_as_the_role()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        var before = DateTime.UtcNow;

        var assumed = await _partner.AssumeRoleAsync(Request(customer.Role.Arn, customer.ExternalId));

        var credentials = assumed.Credentials;
        Assert.StartsWith("ASIA", credentials.AccessKeyId);
        Assert.Equal(20, credentials.AccessKeyId.Length);
        Assert.False(string.IsNullOrEmpty(credentials.SecretAccessKey));
        Assert.True(credentials.SessionToken.Length > 300, $"a session token of realistic length, got {credentials.SessionToken.Length} characters");
        Assert.InRange(credentials.Expiration!.Value.ToUniversalTime(), before.AddMinutes(59), before.AddMinutes(61));
        var sessionArn = $"arn:aws:sts::{customer.AccountId}:assumed-role/{customer.Role.Arn.Split('/')[^1]}/{SessionName}";
        Assert.Equal(sessionArn, assumed.AssumedRoleUser.Arn);
        Assert.EndsWith(":" + SessionName, assumed.AssumedRoleUser.AssumedRoleId);

        using var asRole = StsClients.For(_aws, new SessionAWSCredentials(credentials.AccessKeyId, credentials.SecretAccessKey, credentials.SessionToken));
        var identity = await asRole.GetCallerIdentityAsync(new GetCallerIdentityRequest());
        Assert.Equal(sessionArn, identity.Arn);
        Assert.Equal(customer.AccountId, identity.Account);
        Assert.Equal(assumed.AssumedRoleUser.AssumedRoleId, identity.UserId);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("ext-not-the-customers-id")]
    public async Task Without_the_external_id_or_with_a_wrong_one_the_partner_is_denied(string? externalId)
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);

        await AssertDeniedAsync(_partner, Request(customer.Role.Arn, externalId));
    }

    [Fact]
    public async Task Another_account_is_denied_even_with_the_right_external_id()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        using var stranger = StsClients.For(_aws, LocalAwsAccounts.ForAccount(TestAccounts.Next()));

        await AssertDeniedAsync(stranger, Request(customer.Role.Arn, customer.ExternalId));
    }

    [Fact]
    public async Task A_deleted_role_is_denied_as_AWS_denies_a_role_that_does_not_exist()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        await _partner.AssumeRoleAsync(Request(customer.Role.Arn, customer.ExternalId));

        Assert.True(await _cloudFormation.DeleteRoleAsync(customer.Role.Arn));

        await AssertDeniedAsync(_partner, Request(customer.Role.Arn, customer.ExternalId));
        Assert.Null(await _iam.GetRoleAsync(customer.Role.Arn));
    }

    [Fact]
    public async Task A_role_is_denied_until_it_has_propagated()
    {
        var notYet = await CustomerRole.CreateAsync(_cloudFormation, notAssumableUntil: DateTimeOffset.UtcNow.AddHours(1));
        var soon = await CustomerRole.CreateAsync(_cloudFormation, notAssumableUntil: DateTimeOffset.UtcNow.AddSeconds(1));

        await AssertDeniedAsync(_partner, Request(notYet.Role.Arn, notYet.ExternalId));
        await Eventually.TrueAsync(async () => await TryAssumeAsync(Request(soon.Role.Arn, soon.ExternalId)), "the role to become assumable once propagated");
    }

    [Fact]
    public async Task A_trust_policy_the_customer_changes_applies_at_once()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        var withoutCondition = JsonNode.Parse(customer.Role.TrustPolicyJson)!;
        withoutCondition["Statement"]![0]!.AsObject().Remove("Condition");

        // A customer who drops the external id condition: the partner now gets in without it (the confused-deputy risk).
        await _cloudFormation.SetTrustPolicyAsync(customer.Role.Arn, withoutCondition.ToJsonString());
        await _partner.AssumeRoleAsync(Request(customer.Role.Arn, externalId: null));

        // A customer who trusts someone else instead: the partner is out, external id or not.
        withoutCondition["Statement"]![0]!["Principal"]!["AWS"] = $"arn:aws:iam::{TestAccounts.Next()}:root";
        await _cloudFormation.SetTrustPolicyAsync(customer.Role.Arn, withoutCondition.ToJsonString());
        await AssertDeniedAsync(_partner, Request(customer.Role.Arn, customer.ExternalId));
    }

    [Fact]
    public async Task Each_long_term_key_is_its_accounts_user_and_an_unknown_key_is_refused()
    {
        var customerAccount = TestAccounts.Next();
        using var customer = StsClients.For(_aws, LocalAwsAccounts.ForAccount(customerAccount));
        using var unknown = StsClients.For(_aws, new BasicAWSCredentials("AKIANOBODYKNOWS00000", "secret"));

        Assert.Equal(LocalAwsAccounts.UserArn(LocalAwsAccounts.OwnerAccountId), (await _partner.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Arn);
        Assert.Equal(LocalAwsAccounts.UserArn(customerAccount), (await customer.GetCallerIdentityAsync(new GetCallerIdentityRequest())).Arn);
        var refused = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => unknown.GetCallerIdentityAsync(new GetCallerIdentityRequest()));
        Assert.Equal("InvalidClientTokenId", refused.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
    }

    private static AssumeRoleRequest Request(string roleArn, string? externalId) =>
        new() { RoleArn = roleArn, RoleSessionName = SessionName, ExternalId = externalId };

    private async Task<bool> TryAssumeAsync(AssumeRoleRequest request)
    {
        try
        {
            await _partner.AssumeRoleAsync(request);
            return true;
        }
        catch (AmazonSecurityTokenServiceException error) when (error.ErrorCode == "AccessDenied")
        {
            return false;
        }
    }

    private static async Task AssertDeniedAsync(AmazonSecurityTokenServiceClient sts, AssumeRoleRequest request)
    {
        var denied = await Assert.ThrowsAsync<AmazonSecurityTokenServiceException>(() => sts.AssumeRoleAsync(request));
        Assert.Equal("AccessDenied", denied.ErrorCode);
        Assert.Equal(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.Contains($"is not authorized to perform: sts:AssumeRole on resource: {request.RoleArn}", denied.Message);
    }
}
