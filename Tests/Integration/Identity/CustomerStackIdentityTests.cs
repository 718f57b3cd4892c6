using Amazon.SecurityToken.Model;
using Microsoft.Extensions.DependencyInjection;
using Onboarding.CustomerSimulation.LocalAws;
using Onboarding.Silo.Aws.Sns;
using Onboarding.Tests.Infrastructure;
using Onboarding.Tests.Integration.Customers;
using Onboarding.Tests.Integration.Events;

namespace Onboarding.Tests.Integration.Identity;

/// <summary>
/// The customer's side with identities, against the whole service: the stack's role registered from the
/// template the service rendered, and CloudFormation publishing as the customer's account.
/// </summary>
[Collection(ServiceCollectionDefinition.Name)]
public sealed class CustomerStackIdentityTests(OnboardingService service) : IDisposable
{
    private readonly StackEvents _events = new(service);
    private readonly AccountSnsClients _accounts = new(service.Aws.AwsUrl);
    private readonly LocalIamClient _iam = new(service.Aws.StsUrl);

    public void Dispose()
    {
        _accounts.Dispose();
        _iam.Dispose();
    }

    private CloudFormationStandIn CloudFormation =>
        new(service.Aws, service.Silo.Services.GetRequiredService<ISnsClient>()) { PublishAsAccount = _accounts.For, Iam = _iam };

    [Fact]
    public async Task The_rendered_role_admits_the_partner_with_the_external_id_and_the_whitelisted_account_publishes_its_Create()
    {
        var (account, stack, templateUrl) = await _events.StartAndLaunchAsync();
        using var http = new HttpClient();
        var role = await CloudFormation.CreateRoleAsync(stack, await http.GetStringAsync(templateUrl));
        var externalId = (await _events.ViewAsync(account)).GetProperty("externalId").GetString();
        using var partner = StsClients.For(service.Aws, LocalAwsAccounts.Owner);

        var assumed = await partner.AssumeRoleAsync(new AssumeRoleRequest { RoleArn = role.Arn, RoleSessionName = "partner", ExternalId = externalId });
        Assert.Equal(stack.RoleArn(), role.Arn);
        Assert.StartsWith($"arn:aws:sts::{account}:assumed-role/", assumed.AssumedRoleUser.Arn);

        var answer = await CloudFormation.SendAsync(stack, CustomResourceRequests.Create);
        Assert.Equal("SUCCESS", answer.GetProperty("Status").GetString());
    }

    [Fact]
    public async Task A_stack_in_an_account_never_onboarded_or_off_boarded_cannot_publish_to_the_topic()
    {
        var (offBoarded, stack, templateUrl) = await _events.StartAndLaunchAsync();
        using var http = new HttpClient();
        var stranger = LaunchedStack.FromTemplate(await http.GetStringAsync(templateUrl), TestAccounts.Next(), "us-east-1");
        (await service.Client.DeleteAsync($"/customers/{offBoarded}")).EnsureSuccessStatusCode();

        foreach (var refused in new[] { stranger, stack })
        {
            var error = await Assert.ThrowsAsync<SnsAuthorizationException>(() => CloudFormation.SendAsync(refused, CustomResourceRequests.Create));
            Assert.Equal("AuthorizationError", error.Code);
            Assert.Contains(LocalAwsAccounts.UserArn(refused.AccountId), error.ErrorMessage);
        }
    }
}
