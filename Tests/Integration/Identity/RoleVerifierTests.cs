using System.Diagnostics;
using System.Text.Json.Nodes;
using Amazon.Runtime;
using Amazon.SecurityToken;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Dependencies;
using Onboarding.Grains.Identity;
using Onboarding.Identity;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Silo.Dependencies;
using Onboarding.Silo.Verification;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Infrastructure.Sns;

namespace Onboarding.Tests.Integration.Identity;

/// <summary>
/// The service's role verifier against the STS stand-in through the real SDK client, signing as the service
/// does in production: with temporary credentials of its own role in the partner account.
/// </summary>
[Collection(LocalAwsCollection.Name)]
public sealed class RoleVerifierTests(LocalAwsStandIns aws) : IAsyncLifetime
{
    private readonly SnsClient _sns = SnsTestClients.ForStandIn(aws);
    private readonly List<IDisposable> _disposables = [];
    private CloudFormationSimulator _cloudFormation = null!;
    private AWSCredentials _service = null!;

    public async Task InitializeAsync()
    {
        _cloudFormation = new CloudFormationStandIn(aws, _sns);
        _service = await ServiceRoleCredentials.CreateAsync(aws.StsUrl, aws.Iam);
    }

    public Task DisposeAsync()
    {
        foreach (var disposable in _disposables) disposable.Dispose();
        _sns.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_role_as_the_template_renders_it_is_Verified_with_the_negative_checks_done()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);

        var result = await Verifier().VerifyAsync(ToVerify(customer), default);

        Assert.Equal(RoleVerificationOutcome.Verified, result.Outcome);
        Assert.Equal(RoleVerificationRules.VerifiedReason, result.Reason);
        Assert.Equal(1, result.Attempts);
        Assert.True(result.NegativeChecks);
        Assert.InRange(result.CheckedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    [Fact]
    public async Task A_role_whose_trust_lacks_the_external_id_condition_TrustsWithoutExternalId()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        await _cloudFormation.SetTrustPolicyAsync(customer.Role.Arn, EditTrust(customer, statement => statement.Remove("Condition")));

        var result = await Verifier().VerifyAsync(ToVerify(customer), default);

        Assert.Equal(RoleVerificationOutcome.TrustsWithoutExternalId, result.Outcome);
        Assert.Equal(RoleVerificationRules.TrustsWithoutExternalIdReason, result.Reason);
        Assert.False(result.IsVerified);
    }

    [Fact]
    public async Task A_role_that_requires_some_external_id_but_not_the_customers_AcceptsWrongExternalId()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        await _cloudFormation.SetTrustPolicyAsync(customer.Role.Arn,
            EditTrust(customer, statement => statement["Condition"] = new JsonObject { ["StringLike"] = new JsonObject { ["sts:ExternalId"] = "*" } }));

        var result = await Verifier().VerifyAsync(ToVerify(customer), default);

        Assert.Equal(RoleVerificationOutcome.AcceptsWrongExternalId, result.Outcome);
        Assert.Equal(RoleVerificationRules.AcceptsWrongExternalIdReason, result.Reason);
    }

    [Fact]
    public async Task A_role_assumable_only_after_3_seconds_is_Verified_after_retries()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation, notAssumableUntil: DateTimeOffset.UtcNow.AddSeconds(3));

        var result = await Verifier().VerifyAsync(ToVerify(customer), default);

        Assert.Equal(RoleVerificationOutcome.Verified, result.Outcome);
        Assert.True(result.Attempts > 1, $"asked again while the role propagated (attempts: {result.Attempts})");
        Assert.True(result.NegativeChecks);
    }

    [Fact]
    public async Task A_role_that_never_becomes_assumable_is_NotAssumable_once_MaxWait_has_passed()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation, notAssumableUntil: DateTimeOffset.UtcNow.AddHours(1));
        var maxWait = TimeSpan.FromSeconds(2);
        var clock = Stopwatch.StartNew();

        var result = await Verifier(maxWait).VerifyAsync(ToVerify(customer), default);

        Assert.Equal(RoleVerificationOutcome.NotAssumable, result.Outcome);
        Assert.Equal(RoleVerificationRules.NotAssumableReason, result.Reason);
        Assert.True(result.Attempts > 1, $"asked again within the bound (attempts: {result.Attempts})");
        Assert.True(clock.Elapsed >= maxWait, $"gave up after {clock.Elapsed}, before MaxWait ({maxWait})");
        Assert.False(result.NegativeChecks);
    }

    [Fact]
    public async Task A_deleted_role_is_NotAssumable()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        Assert.True(await _cloudFormation.DeleteRoleAsync(customer.Role.Arn));

        var result = await Verifier(TimeSpan.FromSeconds(1)).VerifyAsync(ToVerify(customer), default);

        Assert.Equal(RoleVerificationOutcome.NotAssumable, result.Outcome);
    }

    [Fact]
    public async Task A_plain_recheck_assumes_once_with_the_external_id_and_skips_the_negative_checks()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);

        var result = await Verifier().VerifyAsync(ToVerify(customer) with { Mode = RoleVerificationMode.Recheck }, default);

        Assert.Equal(new RoleVerification(RoleVerificationOutcome.Verified, RoleVerificationRules.VerifiedWithExternalIdReason, result.CheckedAt, 1, NegativeChecks: false), result);
    }

    [Fact]
    public async Task Every_AssumeRole_carries_the_configured_RoleSessionName()
    {
        // A customer may pin the partner's session name in the trust policy (sts:RoleSessionName): only the configured one gets in.
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        await _cloudFormation.SetTrustPolicyAsync(customer.Role.Arn,
            EditTrust(customer, statement => statement["Condition"]!["StringEquals"]!["sts:RoleSessionName"] = "partner-checks"));

        var configured = await Verifier(configure: o => o.RoleSessionName = "partner-checks").VerifyAsync(ToVerify(customer), default);
        var other = await Verifier(TimeSpan.FromSeconds(1)).VerifyAsync(ToVerify(customer), default);

        Assert.Equal(RoleVerificationOutcome.Verified, configured.Outcome);
        Assert.Equal(RoleVerificationOutcome.NotAssumable, other.Outcome);
    }

    [Fact]
    public async Task A_paused_STS_is_Unavailable_not_a_verdict_on_the_role()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        var verifier = Verifier(sts: StsClient(aws.StsUrl, _service, TimeSpan.FromSeconds(1)));

        await aws.PauseStsAsync();
        try
        {
            var unavailable = await Assert.ThrowsAsync<DependencyUnavailableException>(() => verifier.VerifyAsync(ToVerify(customer), default));
            Assert.Equal(DependencyNames.Sts, unavailable.Dependency);
        }
        finally
        {
            await aws.ResumeStsAsync();
        }
        Assert.Equal(RoleVerificationOutcome.Verified, (await verifier.VerifyAsync(ToVerify(customer), default)).Outcome);
    }

    [Fact]
    public async Task An_STS_nobody_answers_on_is_Unavailable()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        var nobody = new Uri($"http://127.0.0.1:{FreePorts.Next()}/");

        var unavailable = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => Verifier(sts: StsClient(nobody, _service, TimeSpan.FromSeconds(5))).VerifyAsync(ToVerify(customer), default));

        Assert.Equal(DependencyNames.Sts, unavailable.Dependency);
    }

    [Fact]
    public async Task STS_refusing_the_services_own_credentials_is_Unavailable_not_the_customers_fault()
    {
        var customer = await CustomerRole.CreateAsync(_cloudFormation);
        var unknownKey = new BasicAWSCredentials("AKIANOBODYKNOWS00000", "secret");

        var unavailable = await Assert.ThrowsAsync<DependencyUnavailableException>(
            () => Verifier(sts: StsClient(aws.StsUrl, unknownKey, TimeSpan.FromSeconds(5))).VerifyAsync(ToVerify(customer), default));

        Assert.Equal(DependencyNames.Sts, unavailable.Dependency);
    }

    private static RoleToVerify ToVerify(CustomerRole customer) => new(customer.Role.Arn, customer.ExternalId, customer.AccountId);

    private static string EditTrust(CustomerRole customer, Action<JsonObject> edit)
    {
        var policy = JsonNode.Parse(customer.Role.TrustPolicyJson)!;
        edit(policy["Statement"]![0]!.AsObject());
        return policy.ToJsonString();
    }

    private StsRoleVerifier Verifier(TimeSpan? maxWait = null, AmazonSecurityTokenServiceClient? sts = null, Action<VerificationOptions>? configure = null)
    {
        var options = new VerificationOptions();
        if (maxWait is { } wait) options.MaxWait = wait;
        configure?.Invoke(options);
        var outages = Options.Create(new DependencyOutageOptions());
        var verifier = new StsRoleVerifier(
            sts ?? StsClient(aws.StsUrl, _service, TimeSpan.FromSeconds(5)),
            Options.Create(options),
            outages,
            new DependencyOutageTranslator(outages, NullLogger<DependencyOutageTranslator>.Instance),
            TimeProvider.System,
            NullLogger<StsRoleVerifier>.Instance);
        _disposables.Add(verifier);
        return verifier;
    }

    // As the silo configures its clients: bounded attempts (here one, so an outage shows quickly).
    private AmazonSecurityTokenServiceClient StsClient(Uri url, AWSCredentials credentials, TimeSpan attemptTimeout)
    {
        var client = new AmazonSecurityTokenServiceClient(credentials, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = url.ToString(),
            AuthenticationRegion = "us-east-1",
            Timeout = attemptTimeout,
            MaxErrorRetry = 0,
        });
        _disposables.Add(client);
        return client;
    }
}
